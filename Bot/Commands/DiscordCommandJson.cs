using System.Text.Json;
using System.Text.Json.Nodes;

namespace CompanionBot.Commands;

/// <summary>An attachment named by a command option; the transport downloads it (size-capped) into AttachmentText.</summary>
public sealed record InteractionAttachment(string Url, string FileName, long Size);

/// <summary>A Discord interaction read into a transport-neutral request, plus the attachment to fetch if any.</summary>
public sealed record InteractionCommand(CommandRequest Request, InteractionAttachment? Attachment);

/// <summary>
/// The Discord wire format of commands, without any networking: reads an INTERACTION_CREATE payload (a slash command,
/// or a confirmation button press) into a <see cref="CommandRequest"/>, and writes a <see cref="CommandReply"/> as
/// an interaction response. The invoker's permissions are read from this payload every time.
/// </summary>
public static class DiscordCommandJson
{
    public const int ApplicationCommand = 2;
    public const int MessageComponent = 3;
    public const int MaxContentLength = 2000;
    private const int EphemeralFlag = 1 << 6;

    /// <summary>Null when the payload is neither a slash command nor one of our confirmation buttons.</summary>
    public static InteractionCommand? Read(JsonElement interaction, DateTimeOffset at)
    {
        var type = interaction.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.Number ? t.GetInt32() : 0;
        if (!interaction.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object) return null;
        var member = interaction.TryGetProperty("member", out var m) && m.ValueKind == JsonValueKind.Object ? m : (JsonElement?)null;
        var user = member?.TryGetProperty("user", out var mu) == true ? mu
            : interaction.TryGetProperty("user", out var u) ? u : default;
        var invoker = Text(user, "id");
        if (invoker is null) return null;
        var baseline = new CommandRequest
        {
            Name = "",
            InvokerId = invoker,
            GuildId = Text(interaction, "guild_id"),
            PermissionBits = ModeratorCheck.ParseBits(member is { } mm ? Text(mm, "permissions") : null),
            ChannelId = Text(interaction, "channel_id"),
            At = at,
        };
        if (type == MessageComponent)
        {
            var token = Text(data, "custom_id");
            return token is not null && CommandConfirmationToken.ToRequest(token, baseline) is { } confirmed
                ? new InteractionCommand(confirmed, null)
                : null;
        }
        if (type != ApplicationCommand || Text(data, "name") is not { } name) return null;

        var path = new List<string>();
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        string? attachmentId = null;
        var level = data;
        while (level.TryGetProperty("options", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            JsonElement? nested = null;
            foreach (var option in list.EnumerateArray())
            {
                var kind = option.TryGetProperty("type", out var k) ? k.GetInt32() : 0;
                var optionName = Text(option, "name") ?? "";
                if (kind is (int)OptionKind.SubCommand or (int)OptionKind.SubCommandGroup)
                {
                    path.Add(optionName);
                    nested = option;
                    break;
                }
                if (!option.TryGetProperty("value", out var value)) continue;
                var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
                options[optionName] = text;
                if (kind == (int)OptionKind.Attachment) attachmentId = text;
            }
            if (nested is null) break;
            level = nested.Value;
        }
        var request = baseline with { Name = name, Subcommand = string.Join(' ', path), Options = options };
        return new InteractionCommand(request, attachmentId is null ? null : Attachment(data, attachmentId));
    }

    /// <summary>
    /// The interaction response body: type 4 (a new message) or, for a pressed button, type 7 (replace the
    /// confirmation message). Mentions never ping. With a file, send it as multipart: this JSON as payload_json and
    /// the bytes as files[0].
    /// </summary>
    public static JsonObject Response(CommandReply reply, bool replacesConfirmation = false)
    {
        var content = reply.Text.Length <= MaxContentLength ? reply.Text : reply.Text[..(MaxContentLength - 1)] + "…";
        var data = new JsonObject
        {
            ["content"] = content,
            ["allowed_mentions"] = new JsonObject { ["parse"] = new JsonArray(), ["replied_user"] = false },
            ["flags"] = reply.Ephemeral ? EphemeralFlag : 0,
            ["components"] = new JsonArray(),
        };
        if (reply.Confirmation is { } confirmation)
        {
            data["components"] = new JsonArray(new JsonObject
            {
                ["type"] = 1,
                ["components"] = new JsonArray(new JsonObject
                {
                    ["type"] = 2,
                    ["style"] = 4,
                    ["label"] = confirmation.Label,
                    ["custom_id"] = confirmation.Token,
                }),
            });
        }
        if (reply.File is { } file)
        {
            data["attachments"] = new JsonArray(new JsonObject { ["id"] = 0, ["filename"] = file.Name });
        }
        // Receiving and Responding, "Interaction Callback Type": an update (7) edits the pressed message and cannot
        // change whether it is ephemeral, so it carries no flags.
        if (replacesConfirmation) data.Remove("flags");
        return new JsonObject { ["type"] = replacesConfirmation ? 7 : 4, ["data"] = data };
    }

    private static InteractionAttachment? Attachment(JsonElement data, string id)
    {
        if (!data.TryGetProperty("resolved", out var resolved) || !resolved.TryGetProperty("attachments", out var attachments)
            || !attachments.TryGetProperty(id, out var attachment) || Text(attachment, "url") is not { } url)
        {
            return null;
        }
        var size = attachment.TryGetProperty("size", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetInt64() : 0;
        return new InteractionAttachment(url, Text(attachment, "filename") ?? "attachment", size);
    }

    private static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;
}
