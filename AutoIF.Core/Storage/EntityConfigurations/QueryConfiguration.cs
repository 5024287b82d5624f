using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AutoIF.Core.Storage.EntityConfigurations;

internal sealed class QueryConfiguration : IEntityTypeConfiguration<Query>
{
    public void Configure(EntityTypeBuilder<Query> builder)
    {
        builder.Property(q => q.TextHash).HasMaxLength(64);
        builder.Property(q => q.Source).HasMaxLength(500);
        builder.HasOne<Run>().WithMany().HasForeignKey(q => q.RunId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(q => new { q.RunId, q.TextHash }).IsUnique();
        builder.HasIndex(q => new { q.RunId, q.Status });
    }
}
