using AutoIF.Core.Export;
using AutoIF.Core.Pipeline;
using AutoIF.Web.Services;
using AutoIF.Web.Teams;

namespace AutoIF.Web.Apis;

/// <summary>Dataset downloads: streamed straight from the database, or a finished export file from the data folder.</summary>
public static class ExportApi
{
    public static IEndpointRouteBuilder MapExportApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization(TeamRoles.Viewer);

        // Rows are written to the response page by page as they are read, so the download starts at once.
        api.MapGet("/export", async (HttpContext http, DatasetExporter exporter, ExportHistory history, RunService runs, TimeProvider clock, CancellationToken ct) =>
        {
            ExportRequest request;
            ExportContainer container;
            try
            {
                request = ExportParameters.Parse(name => http.Request.Query[name].OfType<string>().ToList()).ToRequest();
                container = DatasetExporter.Validate(request);
                // Before the first byte: once streaming has started, an error can no longer become a 400.
                foreach (var run in request.Runs)
                {
                    await runs.GetAsync(run, ct);
                }
            }
            catch (ArgumentException ex)
            {
                return Results.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest);
            }
            var fileName = ExportFileName.For(request, container, bundle: false, clock.GetUtcNow());
            http.Response.ContentType = ExportFiles.ContentType(container);
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
            var result = await exporter.ExportAsync(request, http.Response.Body, cancellationToken: ct);
            await history.RecordAsync(request, result.Rows, fileName, ct);
            return Results.Empty;
        });

        api.MapGet("/exports/{fileName}", (string fileName, ExportFiles files) =>
            files.Find(fileName) is { } path
                ? Results.File(path, ExportFiles.ContentTypeOf(path), Path.GetFileName(path), enableRangeProcessing: true)
                : Results.NotFound());
        return app;
    }
}
