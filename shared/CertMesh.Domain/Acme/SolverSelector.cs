namespace CertMesh.Domain.Acme;

/// <summary>
/// cert-manager's choice of solver for one authorization. Only solvers of a type the CA offers for it count. A
/// solver with a selector must match on every part it sets (dnsNames, dnsZones, matchLabels); among those that do,
/// a listed DNS name beats everything, then the most specific zone (most labels), then the most matching labels;
/// a solver without a selector matches everything with the lowest priority, and ties go to the earlier solver.
/// For a wildcard authorization the name compared is <c>*.identifier</c>, as cert-manager does.
/// </summary>
public static class SolverSelector
{
    public static AcmeSolver? Select(
        IReadOnlyList<AcmeSolver> solvers,
        string identifier,
        bool wildcard,
        IReadOnlyCollection<string> offeredTypes,
        IReadOnlyDictionary<string, string>? labels)
    {
        var name = wildcard ? "*." + identifier : identifier;
        AcmeSolver? best = null;
        var bestScore = Score.None;
        foreach (var solver in solvers.OrderBy(s => s.Index))
        {
            if (solver.Type is null || !offeredTypes.Contains(solver.Type))
            {
                continue;
            }
            if (solver.Selector is null)
            {
                // Matches anything, but never displaces a solver already chosen.
                best ??= solver;
                continue;
            }
            if (Match(solver.Selector, name, labels) is not { } score)
            {
                continue;
            }
            if (best is null || score.Beats(bestScore))
            {
                best = solver;
                bestScore = score;
            }
        }
        return best;
    }

    private static Score? Match(CertificateDnsNameSelector selector, string name, IReadOnlyDictionary<string, string>? labels)
    {
        var names = 0;
        if (selector.DnsNames.Count > 0)
        {
            if (!selector.DnsNames.Any(n => string.Equals(Normalize(n), name, StringComparison.OrdinalIgnoreCase)))
            {
                return null;
            }
            // Several listed names weigh no more than one: the name is either named or not.
            names = 1;
        }
        var zoneLabels = 0;
        if (selector.DnsZones.Count > 0)
        {
            foreach (var zone in selector.DnsZones.Select(Normalize).Where(z => z.Length > 0))
            {
                if (name.Equals(zone, StringComparison.OrdinalIgnoreCase) || name.EndsWith("." + zone, StringComparison.OrdinalIgnoreCase))
                {
                    zoneLabels = Math.Max(zoneLabels, zone.Split('.').Length);
                }
            }
            if (zoneLabels == 0)
            {
                return null;
            }
        }
        foreach (var (key, value) in selector.MatchLabels)
        {
            if (labels is null || !labels.TryGetValue(key, out var actual) || actual != value)
            {
                return null;
            }
        }
        return new Score(names, zoneLabels, selector.MatchLabels.Count);
    }

    private static string Normalize(string dnsName) => dnsName.Trim().TrimEnd('.');

    private readonly record struct Score(int Names, int ZoneLabels, int Labels)
    {
        public static Score None => default;

        /// <summary>Strictly more specific: equal scores keep the earlier solver.</summary>
        public bool Beats(Score other) =>
            Names != other.Names ? Names > other.Names
            : ZoneLabels != other.ZoneLabels ? ZoneLabels > other.ZoneLabels
            : Labels > other.Labels;
    }
}
