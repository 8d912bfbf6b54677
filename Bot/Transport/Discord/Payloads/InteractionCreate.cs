using System.Text.Json;

namespace CompanionBot.Transport.Discord.Payloads;

/// <summary>An INTERACTION_CREATE for a slash command, flattened: the subcommand path and the leaf options.</summary>
public sealed record InteractionCreate(
    string Id,
    string ApplicationId,
    int Type,
    string Token,
    string? GuildId,
    string? ChannelId,
    string InvokerId,
    string InvokerName,
    ulong? MemberPermissions,
    string CommandName,
    string? SubcommandGroup,
    string? Subcommand,
    IReadOnlyDictionary<string, string> Options,
    JsonElement Raw)
{
    public const int ApplicationCommandType = 2;
    public const int MessageComponentType = 3;
    private const int SubcommandOption = 1;
    private const int SubcommandGroupOption = 2;

    public static InteractionCreate? Parse(JsonElement d)
    {
        var id = d.Str("id");
        var token = d.Str("token");
        var member = d.Child("member");
        var user = member?.Child("user") ?? d.Child("user");
        var invoker = user?.Str("id");
        if (id is null || token is null || invoker is null || user is not { } u) return null;

        var data = d.Child("data");
        string? group = null, sub = null;
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var level = data;
        for (var depth = 0; depth < 3 && level is { } current; depth++)
        {
            JsonElement? next = null;
            foreach (var option in current.Items("options"))
            {
                switch (option.Int("type"))
                {
                    case SubcommandGroupOption: group = option.Str("name"); next = option; break;
                    case SubcommandOption: sub = option.Str("name"); next = option; break;
                    default:
                        if (option.Str("name") is { } name) options[name] = option.Str("value") ?? "";
                        break;
                }
            }
            level = next;
        }

        return new InteractionCreate(
            id,
            d.Str("application_id") ?? "",
            d.Int("type") ?? 0,
            token,
            d.Str("guild_id"),
            d.Str("channel_id"),
            invoker,
            u.Str("global_name") ?? u.Str("username") ?? "someone",
            member?.Bits("permissions"),
            data?.Str("name") ?? "",
            group,
            sub,
            options,
            d.Clone());
    }
}
