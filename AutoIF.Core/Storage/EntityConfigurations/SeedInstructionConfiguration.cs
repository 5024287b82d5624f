using AutoIF.Core.Seeds;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AutoIF.Core.Storage.EntityConfigurations;

internal sealed class SeedInstructionConfiguration : IEntityTypeConfiguration<SeedInstruction>
{
    public void Configure(EntityTypeBuilder<SeedInstruction> builder)
    {
        builder.Property(s => s.Text).HasMaxLength(2000);
        builder.Property(s => s.Set).HasMaxLength(SeedSets.MaxNameLength);
        builder.HasIndex(s => new { s.Set, s.Text }).IsUnique();
    }
}
