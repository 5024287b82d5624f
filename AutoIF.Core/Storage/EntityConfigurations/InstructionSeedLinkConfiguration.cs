using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AutoIF.Core.Storage.EntityConfigurations;

internal sealed class InstructionSeedLinkConfiguration : IEntityTypeConfiguration<InstructionSeedLink>
{
    public void Configure(EntityTypeBuilder<InstructionSeedLink> builder)
    {
        builder.ToTable("InstructionSeeds");
        builder.HasKey(l => new { l.InstructionId, l.SeedInstructionId });
        builder.HasOne<Instruction>().WithMany().HasForeignKey(l => l.InstructionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Instruction>().WithMany().HasForeignKey(l => l.SeedInstructionId).OnDelete(DeleteBehavior.Cascade);
        // The grid's "made from this seed" filter.
        builder.HasIndex(l => new { l.SeedInstructionId, l.InstructionId });
    }
}
