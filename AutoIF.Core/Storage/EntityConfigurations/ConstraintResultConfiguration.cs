using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AutoIF.Core.Storage.EntityConfigurations;

internal sealed class ConstraintResultConfiguration : IEntityTypeConfiguration<ConstraintResult>
{
    public void Configure(EntityTypeBuilder<ConstraintResult> builder)
    {
        builder.HasOne<Response>().WithMany().HasForeignKey(c => c.ResponseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Instruction>().WithMany().HasForeignKey(c => c.InstructionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.ResponseId, c.Position }).IsUnique();
        builder.HasIndex(c => new { c.InstructionId, c.Passed });
    }
}
