using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AutoIF.Core.Storage.EntityConfigurations;

internal sealed class ReverificationConfiguration : IEntityTypeConfiguration<Reverification>
{
    public void Configure(EntityTypeBuilder<Reverification> builder)
    {
        builder.HasOne<Run>().WithMany().HasForeignKey(r => r.RunId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.RunId, r.Id });
    }
}
