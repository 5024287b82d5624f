using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AutoIF.Core.Storage.EntityConfigurations;

internal sealed class ConstraintCompatibilityConfiguration : IEntityTypeConfiguration<ConstraintCompatibility>
{
    public void Configure(EntityTypeBuilder<ConstraintCompatibility> builder)
    {
        builder.HasOne<Run>().WithMany().HasForeignKey(c => c.RunId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Instruction>().WithMany().HasForeignKey(c => c.FirstInstructionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Instruction>().WithMany().HasForeignKey(c => c.SecondInstructionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.RunId, c.FirstInstructionId, c.SecondInstructionId }).IsUnique();
        builder.HasIndex(c => c.SecondInstructionId);
    }
}
