using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AutoIF.Core.Storage.EntityConfigurations;

internal sealed class LlmCallConfiguration : IEntityTypeConfiguration<LlmCall>
{
    public void Configure(EntityTypeBuilder<LlmCall> builder)
    {
        builder.Property(c => c.RequestHash).HasMaxLength(64);
        builder.Property(c => c.Model).HasMaxLength(200);
        builder.Property(c => c.PromptKind).HasMaxLength(50);
        builder.HasIndex(c => c.RequestHash).IsUnique();
        builder.HasIndex(c => new { c.RunId, c.Stage });
    }
}
