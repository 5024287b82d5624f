using AutoIF.Web.UseCases;

namespace AutoIF.Web.Apis.Runs;

/// <summary>What every runs-API handler needs, bound by <c>[AsParameters]</c> (as eShop's CatalogServices).</summary>
public sealed class RunsApiServices(RunControl runs)
{
    public RunControl Runs { get; } = runs;
}
