using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AutoIF.Core.Storage.EntityConfigurations;

internal sealed class PromptConstraintConfiguration : IEntityTypeConfiguration<PromptConstraint>
{
    public void Configure(EntityTypeBuilder<PromptConstraint> builder)
    {
        builder.HasOne<Instruction>().WithMany().HasForeignKey(c => c.InstructionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.PromptId, c.Position }).IsUnique();
        // The instruction page and grid count a prompt's responses under each instruction it carries.
        builder.HasIndex(c => c.InstructionId);
    }
}
