using System.Globalization;
using CompanionBot.Ledger;
using CompanionBot.Storage;

namespace CompanionBot.Bench;

/// <summary>
/// Fills the ledger with realistic relationships (varied stages, dimensions, moments and a last decision, written as
/// the store writes them) by bulk insert: one prepared statement, <see cref="BatchRows"/> rows per transaction.
/// Keys are "prefill-NNNNNNN" over DMs and three guilds; rows already there are kept (INSERT OR IGNORE), so a
/// reused --db is topped up, not duplicated. Memory stays flat: rows are generated one at a time.
/// </summary>
public static class Prefill
{
    public const int BatchRows = 100_000;
    public const string KeyPrefix = "prefill-";

    private static readonly string[] MomentKinds = ["respect", "reciprocity", "demand", "apology", "follow_through", "guilt_trip"];

    private static readonly string[] MomentTexts =
    [
        "asked how my day went and listened to the answer",
        "told me I need to keep him company",
        "apologised for snapping at me the day before",
        "came back to tell me how the interview went",
        "compared me to another bot to make me jealous",
        "remembered the book I mentioned",
    ];

    /// <summary>Inserts relationships 0..count-1; returns how many rows were new.</summary>
    public static long Run(SqliteDatabase database, int count, Action<long>? progress = null)
    {
        var random = new DeterministicRandom(0xC0FFEE);
        long inserted = 0;
        for (var first = 0; first < count; first += BatchRows)
        {
            var last = Math.Min(count, first + BatchRows);
            inserted += database.Write((connection, tx) =>
            {
                using var cmd = connection.CreateCommand();
                cmd.Transaction = tx;
                cmd.CommandText = "INSERT OR IGNORE INTO relationships (scope, member, state, updated_at) VALUES ($scope, $member, $state, $at);";
                var scope = cmd.Parameters.Add("$scope", Microsoft.Data.Sqlite.SqliteType.Text);
                var member = cmd.Parameters.Add("$member", Microsoft.Data.Sqlite.SqliteType.Text);
                var state = cmd.Parameters.Add("$state", Microsoft.Data.Sqlite.SqliteType.Text);
                var at = cmd.Parameters.Add("$at", Microsoft.Data.Sqlite.SqliteType.Text);
                cmd.Prepare();
                long batch = 0;
                for (var i = first; i < last; i++)
                {
                    var row = Relationship(i, random);
                    scope.Value = row.Key.Scope;
                    member.Value = row.Key.MemberId;
                    state.Value = StateJson.Write(row);
                    at.Value = row.LastSeenAt.ToString("O", CultureInfo.InvariantCulture);
                    batch += cmd.ExecuteNonQuery();
                }
                return batch;
            });
            progress?.Invoke(last);
        }
        return inserted;
    }

    /// <summary>Relationship number <paramref name="index"/>: a plausible ledger after weeks or months of talk.</summary>
    public static RelationshipState Relationship(long index, DeterministicRandom random)
    {
        var metDaysAgo = 1 + random.Next(400);
        var lastSeen = SimulatedClock.DefaultStart - TimeSpan.FromMinutes(random.Next(60 * 24 * Math.Min(metDaysAgo, 30)));
        var met = SimulatedClock.DefaultStart - TimeSpan.FromDays(metDaysAgo);
        var stage = (Stage)Math.Min(random.Next(4), metDaysAgo / 7);
        var moments = new NotableMoment[random.Next(4)];
        for (var m = 0; m < moments.Length; m++)
        {
            var kind = random.Next(MomentKinds.Length);
            moments[m] = new NotableMoment(met + TimeSpan.FromDays(random.Next(metDaysAgo)), MomentKinds[kind],
                MomentTexts[random.Next(MomentTexts.Length)], kind is 0 or 1 or 3 or 4);
        }
        return new RelationshipState
        {
            Key = MessageScript.KeyOf(KeyPrefix, index),
            Familiarity = Round(random.NextDouble()),
            Trust = Round(random.NextDouble()),
            Warmth = Round(random.NextDouble()),
            Friction = Round(random.NextDouble() * 0.5),
            Stage = stage,
            MetAt = met,
            LastSeenAt = lastSeen,
            SessionStartedAt = lastSeen,
            Exchanges = 1 + random.Next(2000),
            ConversationDays = 1 + random.Next(metDaysAgo),
            Introduced = random.Next(2) == 0,
            Reciprocations = random.Next(50),
            AiDisclosedAt = met,
            Moments = moments,
            LastDecision = new LastDecision(lastSeen, "warm", "default", ["ask_back"], ["greeting", "question"],
                ["asked how my day went"]),
        };
    }

    private static double Round(double value) => Math.Round(value, 3);
}
