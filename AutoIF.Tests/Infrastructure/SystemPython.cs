using System.Diagnostics;

namespace AutoIF.Tests.Infrastructure;

/// <summary>Runs a script with the system Python (<c>/usr/bin/python3</c>), as a trainer's process would run our clients.</summary>
public static class SystemPython
{
    /// <summary>Runs <paramref name="script"/> from stdin in <paramref name="workingDirectory"/>, with <paramref name="arguments"/> as <c>sys.argv[1:]</c>.</summary>
    public static async Task<(int Code, string Output, string Error)> RunAsync(string script, string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var info = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, WorkingDirectory = workingDirectory,
        };
        info.ArgumentList.Add("-");
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }
        using var process = Process.Start(info)!;
        await process.StandardInput.WriteAsync(script);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(limit.Token);
        return (process.ExitCode, await output, await error);
    }
}
