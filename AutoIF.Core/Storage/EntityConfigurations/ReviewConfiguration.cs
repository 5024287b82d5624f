using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AutoIF.Core.Storage.EntityConfigurations;

internal sealed class ReviewConfiguration : IEntityTypeConfiguration<Review>
{
    public void Configure(EntityTypeBuilder<Review> builder)
    {
        builder.Property(r => r.Reviewer).HasMaxLength(200);
        builder.HasOne<Run>().WithMany().HasForeignKey(r => r.RunId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.Target, r.TargetId });
        builder.HasIndex(r => new { r.RunId, r.CreatedAt });
        // The latest decision per target, for agreement statistics.
        builder.HasIndex(r => new { r.RunId, r.Target, r.TargetId, r.Id });
    }
}
