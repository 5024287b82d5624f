using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AutoIF.Core.Storage.EntityConfigurations;

internal sealed class ReverificationVerdictConfiguration : IEntityTypeConfiguration<ReverificationVerdict>
{
    public void Configure(EntityTypeBuilder<ReverificationVerdict> builder)
    {
        builder.HasKey(v => new { v.ReverificationId, v.ResponseId, v.Lineage });
        builder.HasOne<Reverification>().WithMany().HasForeignKey(v => v.ReverificationId).OnDelete(DeleteBehavior.Cascade);
    }
}
