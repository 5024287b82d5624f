namespace AutoIF.Core.Domain;

public enum RunStatus
{
    Draft = 0,
    Queued = 1,
    Running = 2,
    Cancelled = 3,
    Completed = 4,
    Failed = 5,
    Paused = 6,
}
