using System.Text.Json.Serialization;

namespace AutoIF.Core.Domain.Settings;

/// <summary>Which chosen and rejected responses of a prompt are paired.</summary>
public enum DpoSampling
{
    /// <summary>The two best chosen (accuracy, then judge score) × the first two rejected.</summary>
    [JsonStringEnumMemberName("best")]
    Best = 0,

    /// <summary>
    /// As the scripts do: when either side has two or more, up to two of each drawn at random (seeded), else one of
    /// each; every chosen × rejected combination, identical texts paired once.
    /// </summary>
    [JsonStringEnumMemberName("random")]
    Random = 1,
}
