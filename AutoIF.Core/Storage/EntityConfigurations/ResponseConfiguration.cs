using AutoIF.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AutoIF.Core.Storage.EntityConfigurations;

internal sealed class ResponseConfiguration : IEntityTypeConfiguration<Response>
{
    public void Configure(EntityTypeBuilder<Response> builder)
    {
        builder.Property(r => r.TextHash).HasMaxLength(64);
        builder.HasOne(r => r.Prompt).WithMany().HasForeignKey(r => r.PromptId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Instruction>().WithMany().HasForeignKey(r => r.InstructionId).OnDelete(DeleteBehavior.Cascade);
        // One response per (prompt, origin, sample) makes sampling idempotent.
        builder.HasIndex(r => new { r.PromptId, r.Origin, r.SampleIndex }).IsUnique();
        builder.HasIndex(r => new { r.RunId, r.Status });
        builder.HasIndex(r => new { r.InstructionId, r.Accuracy });
        builder.HasIndex(r => new { r.InstructionId, r.Id });
        builder.HasIndex(r => new { r.RunId, r.Round });
        builder.HasIndex(r => new { r.RunId, r.JudgeScore });
    }
}
