using AutoIF.Core.Domain.Settings;

namespace AutoIF.Tests.Web.Apis;

/// <summary>The run's verify rule, to state what the pipeline decided for a stored accuracy.</summary>
public sealed record VerifySettingsView(VerifySettings Settings)
{
    public bool Passes(double accuracy) => Settings.MinAccuracyRule.Passes(accuracy, Settings.MinAccuracy);
}
