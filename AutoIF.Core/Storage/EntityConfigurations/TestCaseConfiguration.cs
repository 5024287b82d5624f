using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AutoIF.Core.Storage.EntityConfigurations;

internal sealed class TestCaseConfiguration : IEntityTypeConfiguration<TestCase>
{
    public void Configure(EntityTypeBuilder<TestCase> builder)
    {
        builder.HasOne<Instruction>().WithMany(i => i.TestCases).HasForeignKey(c => c.InstructionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(c => c.Verifier).WithMany().HasForeignKey(c => c.VerifierId).OnDelete(DeleteBehavior.ClientSetNull);
        builder.HasIndex(c => new { c.InstructionId, c.Status });
        builder.HasIndex(c => c.RunId);
    }
}
