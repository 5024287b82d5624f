using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AutoIF.Core.Storage.EntityConfigurations;

internal sealed class ExportJobConfiguration : IEntityTypeConfiguration<ExportJob>
{
    public void Configure(EntityTypeBuilder<ExportJob> builder)
    {
        builder.Property(e => e.Summary).HasMaxLength(500);
        builder.Property(e => e.FileName).HasMaxLength(300);
        builder.Property(e => e.JobId).HasMaxLength(100);
        builder.HasIndex(e => e.FileName);
        builder.HasIndex(e => e.CreatedAt);
    }
}
