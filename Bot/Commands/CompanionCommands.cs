using System.Globalization;
using System.Text;
using CompanionBot.Common;
using CompanionBot.Stances;
using CompanionBot.Storage;

namespace CompanionBot.Commands;

/// <summary>/companion stats (anonymous counts, no content) and /companion channels add|remove|list.</summary>
public sealed class CompanionCommands(ICounterReader stats, IChannelSettingsStore channels) : ICommandGroup
{
    public string Name => "companion";

    public IReadOnlyList<string> Routes { get; } = ["stats", "channels add", "channels remove", "channels list"];

    public Task<CommandReply> HandleAsync(CommandRequest request, CancellationToken cancellationToken) => Task.FromResult(request.Subcommand switch
    {
        "stats" => Stats(request),
        _ when request.GuildId is null => new CommandReply("Channel settings only exist on a server."),
        "channels list" => List(request.GuildId),
        _ => Change(request, request.GuildId),
    });

    private CommandReply Stats(CommandRequest request)
    {
        var values = stats.Read(request.Scope);
        if (values.Count == 0) return new CommandReply("No replies counted here yet.");
        var period = CounterNames.PeriodOf(request.At);
        var sb = new StringBuilder("Counts only: no names, no message content.");
        sb.AppendLine().Append(CultureInfo.InvariantCulture, $"This month ({period}): ").Append(Line(values.Where(v => v.Period == period)));
        sb.AppendLine().Append("All time: ").Append(Line(values));
        return new CommandReply(sb.ToString());
    }

    private static string Line(IEnumerable<CounterValue> values)
    {
        var totals = values.GroupBy(v => v.Name).ToDictionary(g => g.Key, g => g.Sum(v => v.Value), StringComparer.Ordinal);
        var replies = totals.Where(t => t.Key.StartsWith(CounterNames.StancePrefix, StringComparison.Ordinal)).Sum(t => t.Value);
        var parts = WireNames.All<Stance>().Select(s => $"{s} {totals.GetValueOrDefault(CounterNames.StancePrefix + s)}");
        return string.Create(CultureInfo.InvariantCulture,
            $"{replies} replies · {string.Join(" · ", parts)} · safety referrals {totals.GetValueOrDefault(CounterNames.SafetyReferral)}");
    }

    private CommandReply List(string guildId)
    {
        var list = channels.List(guildId);
        return new CommandReply(list.Count == 0
            ? "I answer only when mentioned (or replied to) in every channel here. /companion channels add changes that for a channel."
            : "I answer without being mentioned in: " + string.Join(", ", list.Select(c => $"<#{c}>")) + ".");
    }

    private CommandReply Change(CommandRequest request, string guildId)
    {
        var channel = request.Option("channel") ?? request.ChannelId;
        if (channel is null || !channel.All(char.IsAsciiDigit)) return new CommandReply("channel: pick a channel of this server.");
        if (request.Subcommand == "channels add")
        {
            return new CommandReply(channels.Add(guildId, channel, request.InvokerId, request.At)
                ? $"From now on I answer in <#{channel}> without being mentioned."
                : $"I already answer in <#{channel}> without being mentioned.");
        }
        return new CommandReply(channels.Remove(guildId, channel)
            ? $"In <#{channel}> I now answer only when mentioned."
            : $"<#{channel}> was not in the list; nothing changed.");
    }
}
