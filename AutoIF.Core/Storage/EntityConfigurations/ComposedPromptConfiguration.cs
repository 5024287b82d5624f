using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AutoIF.Core.Storage.EntityConfigurations;

internal sealed class ComposedPromptConfiguration : IEntityTypeConfiguration<ComposedPrompt>
{
    public void Configure(EntityTypeBuilder<ComposedPrompt> builder)
    {
        builder.HasOne(p => p.Instruction).WithMany().HasForeignKey(p => p.InstructionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Constraints).WithOne().HasForeignKey(c => c.PromptId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(p => p.Query).WithMany().HasForeignKey(p => p.QueryId).OnDelete(DeleteBehavior.Restrict);
        // One prompt per (instruction, query, round) makes Compose idempotent.
        builder.HasIndex(p => new { p.InstructionId, p.QueryId, p.Round }).IsUnique();
        builder.HasIndex(p => new { p.RunId, p.Round });
    }
}
