using AutoIF.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AutoIF.Core.Storage.EntityConfigurations;

internal sealed class InstructionConfiguration : IEntityTypeConfiguration<Instruction>
{
    public void Configure(EntityTypeBuilder<Instruction> builder)
    {
        builder.Property(i => i.TextHash).HasMaxLength(64);
        builder.HasOne(i => i.Run).WithMany().HasForeignKey(i => i.RunId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(i => new { i.RunId, i.TextHash }).IsUnique();
        builder.HasIndex(i => new { i.RunId, i.Status });
        builder.HasIndex(i => new { i.RunId, i.DropStage });
        builder.HasIndex(i => new { i.RunId, i.PassRate });
        builder.HasIndex(i => new { i.RunId, i.ReviewState });
        builder.HasIndex(i => new { i.RunId, i.Origin });
        builder.HasIndex(i => i.Status);
        builder.HasIndex(i => i.PassRate);
    }
}
