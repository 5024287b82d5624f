using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AutoIF.Core.Storage.EntityConfigurations;

internal sealed class RunConfiguration : IEntityTypeConfiguration<Run>
{
    public void Configure(EntityTypeBuilder<Run> builder)
    {
        builder.Property(r => r.Name).HasMaxLength(200);
        builder.HasIndex(r => r.Name).IsUnique();
        builder.HasIndex(r => r.Status);
        builder.HasIndex(r => r.CreatedAt);

        // Settings are one typed value saved whole with the run: a JSON text column works the same on every provider.
        builder.Property(r => r.Settings)
            .HasConversion(
                s => JsonSerializer.Serialize(s, (JsonSerializerOptions?)null),
                json => JsonSerializer.Deserialize<RunSettings>(json, (JsonSerializerOptions?)null) ?? new RunSettings(),
                new ValueComparer<RunSettings>(
                    (a, b) => JsonSerializer.Serialize(a, (JsonSerializerOptions?)null) == JsonSerializer.Serialize(b, (JsonSerializerOptions?)null),
                    s => JsonSerializer.Serialize(s, (JsonSerializerOptions?)null).GetHashCode(StringComparison.Ordinal),
                    s => RunSettingsEditor.Clone(s)));
    }
}
