using System.Text;

namespace CertMesh.Testing;

/// <summary>
/// The configuration file of a test's own Prometheus: scrape and rule evaluation every second (so a test waits
/// seconds, not minutes), one job per service with its instances, the given rule files. JSON is valid YAML, but
/// this is written as YAML to read like deploy/prometheus/prometheus.yml.in.
/// </summary>
public static class PrometheusConfig
{
    public static string Yaml(IEnumerable<PrometheusTarget> targets, IEnumerable<string> ruleFiles)
    {
        var yaml = new StringBuilder();
        yaml.Append("global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n  evaluation_interval: 1s\n");
        yaml.Append("rule_files:\n");
        foreach (var file in ruleFiles)
            yaml.Append("  - ").Append(Quoted(Path.GetFullPath(file))).Append('\n');
        yaml.Append("scrape_configs:\n");
        foreach (var job in targets.GroupBy(t => t.Job))
        {
            yaml.Append("  - job_name: ").Append(Quoted(job.Key)).Append("\n    static_configs:\n");
            foreach (var target in job)
            {
                yaml.Append("      - targets: [").Append(Quoted(target.Address)).Append("]\n");
                yaml.Append("        labels: {instance: ").Append(Quoted(target.Instance)).Append("}\n");
            }
        }
        return yaml.ToString();
    }

    static string Quoted(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
