using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AutoIF.Core.Storage.EntityConfigurations;

internal sealed class StageChunkConfiguration : IEntityTypeConfiguration<StageChunk>
{
    public void Configure(EntityTypeBuilder<StageChunk> builder)
    {
        builder.HasOne<Run>().WithMany().HasForeignKey(c => c.RunId).OnDelete(DeleteBehavior.Cascade);
        // One plan per stage at a time: a new plan deletes the old one's rows first.
        builder.HasIndex(c => new { c.RunId, c.Stage, c.Index }).IsUnique();
        builder.Property(c => c.JobId).HasMaxLength(100);
    }
}
