using System.Globalization;
using CompanionBot.Personas;
using CompanionBot.Pipeline;
using CompanionBot.Storage;

namespace CompanionBot.Commands;

/// <summary>/rapport view, why and reset. Reset asks to confirm and works once a day per relationship.</summary>
public sealed class RapportCommands(ILedgerStore store, IMemberData memberData, IPersonaProvider personas, MemberGate gate) : ICommandGroup
{
    public static readonly TimeSpan ResetInterval = TimeSpan.FromDays(1);

    public string Name => "rapport";

    public IReadOnlyList<string> Routes { get; } = ["view", "why", "reset"];

    public async Task<CommandReply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        if (request.Subcommand == "why") return new CommandReply(RapportView.Why(store.Find(request.Key)));
        if (request.Subcommand != "reset")
        {
            return new CommandReply(RapportView.Describe(store.Find(request.Key), personas.For(request.Scope).Name, request.At,
                withNumbers: IsYes(request.Option("numbers"))));
        }
        // The member's messages wait while the relationship is reset, so none is saved into the deleted state.
        using var _ = await gate.EnterAsync(request.InvokerId, cancellationToken).ConfigureAwait(false);
        return Reset(request);
    }

    private CommandReply Reset(CommandRequest request)
    {
        if (store.Find(request.Key) is null) return new CommandReply("Nothing to reset: we haven't talked here yet.");
        if (memberData.LastReset(request.Key) is { } last && request.At - last < ResetInterval)
        {
            var wait = last + ResetInterval - request.At;
            return new CommandReply(
                $"We already started over {RapportView.Ago(request.At - last)}. A reset works once a day, so how things went since then " +
                $"still counts; you can reset again in {Hours(wait)}. If you want everything gone instead, /forget deletes it for real.");
        }
        if (!request.Confirmed)
        {
            return new CommandReply(
                "This deletes our relationship here (where we stand, what I noticed, our recent messages) and we start over as strangers. " +
                "You can do this once a day. " + CommandConfirmationToken.HowToConfirm(request, "/reset confirm"),
                Confirmation: new CommandConfirmation(CommandConfirmationToken.For(request), "Start over", "/reset confirm"));
        }
        var counts = memberData.Counts(request.InvokerId, request.Scope);
        store.Delete(request.Key);
        memberData.RecordReset(request.Key, request.At);
        return new CommandReply($"Done: we're strangers again. Deleted {DeletedText(counts)}.");
    }

    /// <summary>"our relationship record, 12 stored messages and 6 message receipts", from per-table row counts.</summary>
    public static string DeletedText(IReadOnlyDictionary<string, long> counts)
    {
        var parts = new List<string>();
        if (counts.GetValueOrDefault("relationships") is var r and > 0) parts.Add(r == 1 ? "our relationship record" : $"{r} relationship records");
        if (counts.GetValueOrDefault("turns") is var t and > 0) parts.Add(t == 1 ? "1 stored message" : $"{t} stored messages");
        if (counts.GetValueOrDefault("processed_messages") is var p and > 0) parts.Add(p == 1 ? "1 message receipt" : $"{p} message receipts");
        if (counts.GetValueOrDefault("rapport_resets") is var s and > 0) parts.Add(s == 1 ? "1 reset date" : $"{s} reset dates");
        return parts.Count == 0 ? "nothing (nothing was stored)"
            : parts.Count == 1 ? parts[0]
            : string.Join(", ", parts[..^1]) + " and " + parts[^1];
    }

    private static string Hours(TimeSpan span) => span.TotalHours >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"about {Math.Ceiling(span.TotalHours):0} hours")
        : string.Create(CultureInfo.InvariantCulture, $"about {Math.Max(1, Math.Ceiling(span.TotalMinutes)):0} minutes");

    private static bool IsYes(string? value) => value is not null && (bool.TryParse(value, out var yes) ? yes : value is "yes" or "numbers");
}
