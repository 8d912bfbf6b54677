namespace CompanionBot.Perception;

/// <summary>
/// Sentence vectors kept between training runs in a file outside the repository (<c>train --cache PATH</c>), so
/// tuning does not re-encode thousands of texts. Only a convenience: training without it gives the same weights.
/// </summary>
public sealed class VectorCache
{
    private readonly Dictionary<string, float[]> vectors = new(StringComparer.Ordinal);

    public float[]? Find(string text) => vectors.TryGetValue(text, out var v) ? v : null;

    public void Add(string text, float[] vector) => vectors[text] = vector;

    public static VectorCache Load(string path)
    {
        var cache = new VectorCache();
        if (!File.Exists(path)) return cache;
        using var reader = new BinaryReader(File.OpenRead(path));
        var count = reader.ReadInt32();
        for (var i = 0; i < count; i++)
        {
            var text = reader.ReadString();
            var vector = new float[reader.ReadInt32()];
            for (var j = 0; j < vector.Length; j++) vector[j] = reader.ReadSingle();
            cache.vectors[text] = vector;
        }
        return cache;
    }

    public void Save(string path)
    {
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write(vectors.Count);
        foreach (var (text, vector) in vectors.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            writer.Write(text);
            writer.Write(vector.Length);
            foreach (var f in vector) writer.Write(f);
        }
    }
}
