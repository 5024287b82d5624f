using AutoIF.Core.Export;

namespace AutoIF.Web.Services;

/// <summary>Where the Export page links a finished export: <c>/api/exports/{file}</c>, served from the exports folder.</summary>
public static class ExportLinks
{
    public static string Download(ExportJobView export)
    {
        ArgumentNullException.ThrowIfNull(export);
        return $"/api/exports/{Uri.EscapeDataString(export.FileName)}";
    }
}
