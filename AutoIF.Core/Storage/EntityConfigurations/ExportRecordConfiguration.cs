using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AutoIF.Core.Storage.EntityConfigurations;

internal sealed class ExportRecordConfiguration : IEntityTypeConfiguration<ExportRecord>
{
    public void Configure(EntityTypeBuilder<ExportRecord> builder)
    {
        builder.Property(e => e.Kind).HasMaxLength(20);
        builder.Property(e => e.Format).HasMaxLength(50);
        builder.HasIndex(e => e.RunId);
    }
}
