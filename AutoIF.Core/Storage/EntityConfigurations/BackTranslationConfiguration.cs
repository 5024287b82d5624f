using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AutoIF.Core.Storage.EntityConfigurations;

internal sealed class BackTranslationConfiguration : IEntityTypeConfiguration<BackTranslation>
{
    public void Configure(EntityTypeBuilder<BackTranslation> builder)
    {
        builder.HasOne<Instruction>().WithMany().HasForeignKey(b => b.InstructionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Verifier>().WithMany().HasForeignKey(b => b.VerifierId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(b => b.InstructionId);
        builder.HasIndex(b => new { b.RunId, b.Label });
    }
}
