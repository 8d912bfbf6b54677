using CompanionBot.Appraisal.Semantic;

namespace CompanionBot.Tests.Perception;

/// <summary>
/// A stand-in for the sentence model: a text's "vector" spells the text, every call is recorded, the first call can be
/// held until <see cref="Release"/>, and call number <see cref="FailCall"/> (0-based) fails as an unloadable model does.
/// </summary>
internal sealed class GatedModel(bool holdFirstCall) : ITextEncoder
{
    private readonly Lock _gate = new();
    private readonly ManualResetEventSlim _released = new(!holdFirstCall);
    private readonly List<string[]> _calls = [];

    public int Dimensions => 0;

    public int FailCall { get; init; } = -1;

    public ManualResetEventSlim FirstCallEntered { get; } = new(false);

    public IReadOnlyList<string[]> Calls
    {
        get { lock (_gate) return _calls.ToArray(); }
    }

    public void Release() => _released.Set();

    public float[][] Encode(IReadOnlyList<string> texts)
    {
        int number;
        lock (_gate)
        {
            number = _calls.Count;
            _calls.Add(texts.ToArray());
        }
        if (number == 0)
        {
            FirstCallEntered.Set();
            if (!_released.Wait(TimeSpan.FromSeconds(30))) throw new TimeoutException("the test never released the model");
        }
        if (number == FailCall) throw new EncoderUnavailableException("model failed");
        return texts.Select(t => t.Select(c => (float)c).ToArray()).ToArray();
    }

    public static string TextOf(float[] vector) => new(vector.Select(f => (char)f).ToArray());
}
