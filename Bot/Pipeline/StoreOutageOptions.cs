using System.ComponentModel.DataAnnotations;

namespace CompanionBot.Pipeline;

/// <summary>Config section "StoreOutage": how long turns wait for a store that cannot be reached, and when health fails.</summary>
public sealed class StoreOutageOptions
{
    public const string Section = "StoreOutage";

    /// <summary>
    /// A turn that finds the store unreachable is tried again with backoff for this long (from its first failure, on
    /// the injected clock); past it the member is told once that nothing can be kept right now. 0 tells them at once.
    /// </summary>
    [Range(0, 3600)]
    public double WaitSeconds { get; set; } = 30;

    /// <summary>At most this many turns wait for the store at once; a turn beyond them is told at once instead of queued.</summary>
    [Range(0, 100_000)]
    public int MaxWaitingTurns { get; set; } = 1000;

    /// <summary>The health check fails (the heartbeat file is no longer touched) once the store has been failing this long.</summary>
    [Range(1, 86_400)]
    public double UnhealthyAfterSeconds { get; set; } = 60;
}
