namespace AutoIF.Tests.Infrastructure;

/// <summary>
/// Where golden files live and when they are rewritten: read from the build output (copied from
/// <c>AutoIF.Tests/Fixtures</c>), rewritten in both places with <c>AUTOIF_UPDATE_GOLDEN=1</c> after an intended change.
/// </summary>
public static class GoldenFiles
{
    public const string UpdateVariable = "AUTOIF_UPDATE_GOLDEN";

    public static bool Updating => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    /// <summary>The path below the build output folder, where the tests read golden files.</summary>
    public static string BuildPath(string relative) => Path.Combine(AppContext.BaseDirectory, relative);

    /// <summary>The path in the source tree: the build output folder sits below the test project's folder.</summary>
    public static string SourcePath(string relative)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "AutoIF.Tests.csproj")))
            {
                return Path.Combine(folder.FullName, relative);
            }
        }
        throw new InvalidOperationException($"{UpdateVariable}=1: cannot find AutoIF.Tests.csproj above {AppContext.BaseDirectory} to write the golden files into");
    }

    /// <summary>
    /// <paramref name="actual"/> equals the golden text file at <paramref name="relative"/>, compared line by line so a
    /// failure names the first line that differs; with <c>AUTOIF_UPDATE_GOLDEN=1</c> the file is rewritten instead.
    /// </summary>
    public static void AssertText(string relative, string actual)
    {
        if (Updating)
        {
            foreach (var path in new[] { SourcePath(relative), BuildPath(relative) })
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, actual);
            }
            return;
        }
        var file = BuildPath(relative);
        Assert.True(File.Exists(file), $"no golden file AutoIF.Tests/{relative} (run with {UpdateVariable}=1 to write it)");
        var expected = File.ReadAllText(file).Split('\n');
        var lines = actual.Split('\n');
        for (var n = 0; n < Math.Max(expected.Length, lines.Length); n++)
        {
            var (want, got) = (n < expected.Length ? expected[n] : "(end of file)", n < lines.Length ? lines[n] : "(end of output)");
            Assert.True(want == got, $"AutoIF.Tests/{relative}, line {n + 1}: golden \"{want}\", now \"{got}\" (run with {UpdateVariable}=1 to rewrite it if the change is intended)");
        }
    }
}
