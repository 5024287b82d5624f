namespace AutoIF.Core.Sandbox;

/// <summary>What a worker says once it is ready.</summary>
internal sealed record WorkerReady(string PythonVersion, int Uid, int Pid);
