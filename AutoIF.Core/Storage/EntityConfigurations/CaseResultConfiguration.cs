using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AutoIF.Core.Storage.EntityConfigurations;

internal sealed class CaseResultConfiguration : IEntityTypeConfiguration<CaseResult>
{
    public void Configure(EntityTypeBuilder<CaseResult> builder)
    {
        builder.HasKey(r => new { r.VerifierId, r.TestCaseId });
        builder.HasOne<Verifier>().WithMany().HasForeignKey(r => r.VerifierId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<TestCase>().WithMany().HasForeignKey(r => r.TestCaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => r.TestCaseId);
        builder.HasIndex(r => new { r.VerifierId, r.Verdict });
    }
}
