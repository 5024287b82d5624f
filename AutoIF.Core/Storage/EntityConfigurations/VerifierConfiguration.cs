using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AutoIF.Core.Storage.EntityConfigurations;

internal sealed class VerifierConfiguration : IEntityTypeConfiguration<Verifier>
{
    public void Configure(EntityTypeBuilder<Verifier> builder)
    {
        builder.Property(v => v.SourceHash).HasMaxLength(64);
        builder.HasOne(v => v.Instruction).WithMany(i => i.Verifiers).HasForeignKey(v => v.InstructionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Verifier>().WithMany().HasForeignKey(v => v.PreviousVersionId).OnDelete(DeleteBehavior.Restrict);
        // Versions of one verifier may repeat a source (an edit undone), so the version is part of the key.
        builder.HasIndex(v => new { v.InstructionId, v.SourceHash, v.Version }).IsUnique();
        builder.HasIndex(v => new { v.RunId, v.Status });
        builder.HasIndex(v => new { v.RunId, v.CompileStatus });
        builder.HasIndex(v => new { v.RunId, v.ReviewState });
    }
}
