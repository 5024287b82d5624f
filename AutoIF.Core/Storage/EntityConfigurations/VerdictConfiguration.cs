using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AutoIF.Core.Storage.EntityConfigurations;

internal sealed class VerdictConfiguration : IEntityTypeConfiguration<Verdict>
{
    public void Configure(EntityTypeBuilder<Verdict> builder)
    {
        // Keyed by (verifier version, response): re-verifying with an edited verifier adds rows, and flips are a join.
        builder.HasKey(v => new { v.ResponseId, v.VerifierId });
        builder.HasOne<Response>().WithMany().HasForeignKey(v => v.ResponseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Verifier>().WithMany().HasForeignKey(v => v.VerifierId).OnDelete(DeleteBehavior.Cascade);
        // Failing-verifier pages group a verifier's verdicts by kind.
        builder.HasIndex(v => new { v.VerifierId, v.Kind });
    }
}
