namespace AutoIF.Core.Export;

/// <summary>The name an export file gets when the user gives none: runs, kind, format and the time, ASCII only.</summary>
public static class ExportFileName
{
    public static string For(ExportRequest request, ExportContainer container, bool bundle, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        // ASCII only: the name goes into a Content-Disposition header.
        var runs = string.Join("+", request.Runs.Select(r => string.Concat(r.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))));
        var extension = bundle ? "zip" : container.ToString().ToLowerInvariant();
        return $"{runs}-{DatasetWriterRegistry.KindName(request.Kind)}-{request.Format}-{now.UtcDateTime:yyyyMMdd-HHmmss}.{extension}";
    }
}
