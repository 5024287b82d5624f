using AutoIF.Core.Domain;
using AutoIF.Core.Import;
using AutoIF.Web.Apis.Runs;
using AutoIF.Web.Teams;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AutoIF.Web.Apis;

/// <summary>
/// Runs over HTTP for a lab's scripts (README "HTTP API for runs"): list, status, create with settings, start, cancel and
/// import a file, on <see cref="UseCases.RunControl"/> as the pages and the CLI are, so each action lands on the run's
/// audit list under the caller's name. Reading needs a viewer, changing an admin; a bad request is a 400 naming the field.
/// </summary>
public static class RunsApi
{
    public static IEndpointRouteBuilder MapRunsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/runs").RequireAuthorization(TeamRoles.Viewer).AddEndpointFilter(ActAsCaller);
        api.MapGet("/", ListRuns);
        api.MapGet("/{name}", GetRun);
        api.MapPost("/", CreateRun).RequireAuthorization(TeamRoles.Admin);
        api.MapPost("/{name}/start", StartRun).RequireAuthorization(TeamRoles.Admin);
        api.MapPost("/{name}/cancel", CancelRun).RequireAuthorization(TeamRoles.Admin);
        // The body is the file, not a form: nothing to forge from another site's form, and no antiforgery token to fetch first.
        api.MapPost("/{name}/import", ImportFile).RequireAuthorization(TeamRoles.Admin).DisableAntiforgery();
        return app;
    }

    /// <summary>Runs newest first, each as <c>GET /api/runs/{name}</c> shows it without settings, stages and funnel.</summary>
    public static async Task<Ok<List<RunActionBody>>> ListRuns([AsParameters] RunsApiServices services, CancellationToken cancellationToken)
    {
        var runs = await services.Runs.ListAsync(cancellationToken);
        return TypedResults.Ok(runs.Select(r => new RunActionBody(r.Id, r.Name, r.State.ToString().ToLowerInvariant())).ToList());
    }

    public static async Task<Results<Ok<RunStatusBody>, NotFound<ProblemDetailsBody>>> GetRun(string name, [AsParameters] RunsApiServices services, CancellationToken cancellationToken)
    {
        if (await FindAsync(services, name, cancellationToken) is not { } run)
        {
            return NoSuchRun(name);
        }
        var report = await services.Runs.ReportAsync(run.Id, cancellationToken);
        return report is null ? NoSuchRun(name) : TypedResults.Ok(RunStatusBody.Of(report));
    }

    public static async Task<Results<Created<RunActionBody>, ValidationProblem>> CreateRun(RunCreateBody? body, [AsParameters] RunsApiServices services, CancellationToken cancellationToken)
    {
        if (body is null)
        {
            return Invalid("body", "Send a JSON object: {\"name\": \"...\", \"settings\": {\"Key\": \"Value\"}, \"start\": false}.");
        }
        if (string.IsNullOrWhiteSpace(body.Name))
        {
            return Invalid("name", "A run needs a name.");
        }
        RunSettings settings;
        try
        {
            settings = RunSettingsEditor.Apply(new RunSettings(), body.Settings ?? []);
        }
        catch (ArgumentException ex)
        {
            return Invalid("settings", ex.Message);
        }
        try
        {
            var run = await services.Runs.CreateAsync(body.Name, settings, body.Start, cancellationToken);
            return TypedResults.Created($"/api/runs/{Uri.EscapeDataString(run.Name)}", new RunActionBody(run.Id, run.Name, body.Start ? "created and queued" : "created"));
        }
        catch (ArgumentException ex)
        {
            return Invalid("name", ex.Message);
        }
    }

    public static async Task<Results<Ok<RunActionBody>, NotFound<ProblemDetailsBody>, Conflict<ProblemDetailsBody>>> StartRun(string name, [AsParameters] RunsApiServices services, CancellationToken cancellationToken)
    {
        if (await FindAsync(services, name, cancellationToken) is not { } run)
        {
            return NoSuchRun(name);
        }
        try
        {
            var job = await services.Runs.StartAsync(run.Id, cancellationToken);
            return TypedResults.Ok(new RunActionBody(run.Id, run.Name, "queued", job));
        }
        catch (InvalidOperationException ex)
        {
            return TypedResults.Conflict(new ProblemDetailsBody(ex.Message));
        }
    }

    public static async Task<Results<Ok<RunActionBody>, NotFound<ProblemDetailsBody>, Conflict<ProblemDetailsBody>>> CancelRun(string name, [AsParameters] RunsApiServices services, CancellationToken cancellationToken)
    {
        if (await FindAsync(services, name, cancellationToken) is not { } run)
        {
            return NoSuchRun(name);
        }
        try
        {
            await services.Runs.CancelAsync(run.Id, cancellationToken);
            return TypedResults.Ok(new RunActionBody(run.Id, run.Name, "cancelled"));
        }
        catch (InvalidOperationException ex)
        {
            return TypedResults.Conflict(new ProblemDetailsBody(ex.Message));
        }
    }

    public static async Task<Results<Ok<ImportResult>, ValidationProblem>> ImportFile(
        [AsParameters] RunImportParameters parameters, HttpRequest request, [AsParameters] RunsApiServices services, CancellationToken cancellationToken)
    {
        var formats = RunImporter.Formats.Select(f => f.Name).ToList();
        if (string.IsNullOrWhiteSpace(parameters.Format) || !formats.Contains(parameters.Format))
        {
            return Invalid("format", $"?format= is one of: {string.Join(", ", formats)}.");
        }
        if (string.IsNullOrWhiteSpace(parameters.File) || Path.GetFileName(parameters.File) != parameters.File)
        {
            return Invalid("file", "?file= is the file's name (no folders), as the import's records and the audit list show it.");
        }
        // Some formats read the file twice (Parquet's footer first), and a request body reads once.
        request.EnableBuffering();
        var options = string.IsNullOrWhiteSpace(parameters.Column) ? new ImportOptions() : new ImportOptions { Column = parameters.Column };
        try
        {
            return TypedResults.Ok(await services.Runs.ImportAsync(parameters.Format, request.Body, parameters.File, parameters.Name, options, cancellationToken));
        }
        catch (ImportException ex)
        {
            return Invalid("body", ex.Message);
        }
        catch (ArgumentException ex)
        {
            return Invalid("name", ex.Message);
        }
    }

    /// <summary>
    /// The request's user as the acting user of the use cases (<see cref="SignedInActingUser"/> reads the authentication
    /// state, which only a circuit or a rendered page sets otherwise), so the audit list names the token's owner.
    /// </summary>
    private static ValueTask<object?> ActAsCaller(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.RequestServices.GetService<AuthenticationStateProvider>() is IHostEnvironmentAuthenticationStateProvider host)
        {
            host.SetAuthenticationState(Task.FromResult(new AuthenticationState(http.User)));
        }
        return next(context);
    }

    private static async Task<UseCases.RunRef?> FindAsync(RunsApiServices services, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await services.Runs.GetAsync(name, cancellationToken);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static NotFound<ProblemDetailsBody> NoSuchRun(string name) => TypedResults.NotFound(new ProblemDetailsBody($"There is no run named '{name}'."));

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, detail: $"{field}: {message}");
}
