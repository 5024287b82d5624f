using AutoIF.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AutoIF.Core.Storage.EntityConfigurations;

internal sealed class DpoPairConfiguration : IEntityTypeConfiguration<DpoPair>
{
    public void Configure(EntityTypeBuilder<DpoPair> builder)
    {
        builder.HasOne<Run>().WithMany().HasForeignKey(p => p.RunId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Instruction>().WithMany().HasForeignKey(p => p.InstructionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => new { p.RunId, p.Level, p.Round });
        builder.HasIndex(p => p.InstructionId);
    }
}
