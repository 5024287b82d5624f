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
        // Keyset pages of one run: by id (index-only walk), and the common "kept, pass rate in a range, by pass rate" view.
        builder.HasIndex(i => new { i.RunId, i.Id });
        builder.HasIndex(i => new { i.RunId, i.Status, i.PassRate, i.Id });
        builder.HasIndex(i => i.Status);
        builder.HasIndex(i => i.PassRate);
    }
}
