using Microsoft.AspNetCore.Mvc;

namespace AutoIF.Web.Apis.Runs;

/// <summary>
/// <c>POST /api/runs/{name}/import?format=F&amp;file=NAME[&amp;column=C]</c>: the request body is the file itself (any
/// content type), so no form is posted; the run is made when it does not exist, as <c>import</c> does.
/// </summary>
public sealed record RunImportParameters(
    [FromRoute] string Name,
    [FromQuery] string? Format,
    [FromQuery] string? File,
    [FromQuery] string? Column);
