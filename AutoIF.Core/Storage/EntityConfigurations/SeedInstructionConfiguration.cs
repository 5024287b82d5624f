using AutoIF.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AutoIF.Core.Storage.EntityConfigurations;

internal sealed class SeedInstructionConfiguration : IEntityTypeConfiguration<SeedInstruction>
{
    public void Configure(EntityTypeBuilder<SeedInstruction> builder)
    {
        builder.Property(s => s.Text).HasMaxLength(2000);
        builder.HasIndex(s => s.Text).IsUnique();
    }
}
