using System.ComponentModel.DataAnnotations;

namespace AutoIF.Core.Export;

/// <summary>Export files of the Export page (configuration section <c>Exports</c>).</summary>
public sealed class ExportsOptions
{
    public const string Section = "Exports";

    /// <summary>Days an export file is kept in the exports folder (<c>Exports:RetentionDays</c>); 0 keeps them forever.</summary>
    [Range(0, 36_500)]
    public int RetentionDays { get; set; } = 30;
}
