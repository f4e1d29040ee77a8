using System.Globalization;

namespace CertMesh.Bench;

/// <summary>The command line of one benchmark run; <see cref="Parse"/> throws <see cref="ArgumentException"/> with what is wrong.</summary>
internal sealed record BenchOptions
{
    public string Mode { get; init; } = "ca";
    public int Count { get; init; }
    public int Concurrency { get; init; } = 64;
    public int BaselineMessages { get; init; } = 20_000;
    public TimeSpan? Timeout { get; init; }
    /// <summary>Delete the run's certificates afterwards (opt-in: by default a run leaves them to look at).</summary>
    public bool Cleanup { get; init; }
    public string Issuer { get; init; } = "bench-ca";
    /// <summary>Each certificate names its domain and the wildcard under it (DNS-01: two challenges, one TXT name).</summary>
    public bool Wildcard { get; init; }
    /// <summary>Publish the next certificate only once the previous one was issued: the run then times single issuances.</summary>
    public bool Sequential { get; init; }
    /// <summary>Publish as an application's own RabbitMQ user (authorized per namespace, as users run it) instead of as
    /// the services' system user.</summary>
    public bool AsApplication { get; init; }
    /// <summary>Paced (open-loop): publish at this steady rate per second instead of as fast as the bus accepts.</summary>
    public double? Rate { get; init; }

    /// <summary>How long to wait for every CertificateIssued, counted from the first publish (paced: plus the schedule's length).</summary>
    public TimeSpan IssueTimeout => Timeout ?? TimeSpan.FromSeconds(Math.Max(60, Count / 10.0) + (Rate is { } rate ? Count / rate : 0));

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0)
            throw new ArgumentException("missing mode");
        if (args[0] != "ca")
            throw new ArgumentException($"unknown mode '{args[0]}' (known: ca)");

        var options = new BenchOptions { Mode = args[0] };
        for (var i = 1; i < args.Count; i++)
        {
            options = args[i] switch
            {
                "--count" => options with { Count = Positive(args, ref i) },
                "--concurrency" => options with { Concurrency = Positive(args, ref i) },
                "--baseline-messages" => options with { BaselineMessages = NonNegative(args, ref i) },
                "--timeout" => options with { Timeout = TimeSpan.FromSeconds(Positive(args, ref i)) },
                "--issuer" => options with { Issuer = Value(args, ref i) },
                "--cleanup" => options with { Cleanup = true },
                "--wildcard" => options with { Wildcard = true },
                "--sequential" => options with { Sequential = true },
                "--rate" => options with { Rate = PositiveNumber(args, ref i) },
                "--identity" => Value(args, ref i) switch
                {
                    "app" => options with { AsApplication = true },
                    "system" => options with { AsApplication = false },
                    var identity => throw new ArgumentException($"--identity must be app or system, not '{identity}'"),
                },
                var other => throw new ArgumentException($"unknown flag '{other}'"),
            };
        }
        if (options.Count == 0)
            throw new ArgumentException("--count N is required");
        if (options.Rate is not null && options.Sequential)
            throw new ArgumentException("--rate and --sequential exclude each other");
        return options;
    }

    static string Value(IReadOnlyList<string> args, ref int i)
    {
        if (i + 1 >= args.Count)
            throw new ArgumentException($"{args[i]} needs a value");
        return args[++i];
    }

    static int NonNegative(IReadOnlyList<string> args, ref int i)
    {
        var flag = args[i];
        var value = Value(args, ref i);
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            throw new ArgumentException($"{flag} must be a whole number, not '{value}'");
        return number;
    }

    static double PositiveNumber(IReadOnlyList<string> args, ref int i)
    {
        var flag = args[i];
        var value = Value(args, ref i);
        if (!double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) || number <= 0)
            throw new ArgumentException($"{flag} must be a number above 0, not '{value}'");
        return number;
    }

    static int Positive(IReadOnlyList<string> args, ref int i)
    {
        var flag = args[i];
        var number = NonNegative(args, ref i);
        if (number == 0)
            throw new ArgumentException($"{flag} must be at least 1");
        return number;
    }
}
