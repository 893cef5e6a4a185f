using System.Globalization;

namespace Immutable.Sdk.Docker.Rollouts;

/// <summary>One server of the endpoint's <c>generations</c> backend as HAProxy's runtime API reports it.</summary>
/// <param name="Name">Server name (<c>lane0-3</c>, or a plain server of an older route table).</param>
/// <param name="Address">The address DNS gave it; null while the slot is empty.</param>
/// <param name="Up">True when it is in service and its checks pass.</param>
/// <param name="Weight">Its weight as last set (configuration or <c>set weight</c>).</param>
/// <param name="Sessions">Requests in flight to it.</param>
public sealed record HaproxyServer(string Name, string? Address, bool Up, int Weight, int Sessions);

/// <summary>Reads the answers of HAProxy's runtime API: <c>show servers state</c> and <c>show stat</c>.</summary>
public static class HaproxyRuntimeState
{
    /// <summary>The commands whose answers <see cref="Parse"/> reads, as one runtime API line.</summary>
    public const string Query = "show servers state generations; show stat -1 4 -1";

    /// <summary>HAProxy's <c>srv_op_state</c> of a running server.</summary>
    private const int Running = 2;

    /// <summary><c>srv_admin_state</c> flags that take a server out of service: forced, inherited, configured and resolution maintenance.</summary>
    private const int Maintenance = 0x01 | 0x02 | 0x04 | 0x20;

    /// <summary>The servers of the <c>generations</c> backend from the answer to <see cref="Query"/>.</summary>
    public static IReadOnlyList<HaproxyServer> Parse(string answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var lines = answer.Split('\n', StringSplitOptions.TrimEntries);
        var sessions = new Dictionary<string, int>(StringComparer.Ordinal);
        var stat = Array.FindIndex(lines, l => l.StartsWith("# pxname,", StringComparison.Ordinal));
        if (stat >= 0)
        {
            var columns = lines[stat][2..].Split(',');
            int px = Array.IndexOf(columns, "pxname"), sv = Array.IndexOf(columns, "svname"), scur = Array.IndexOf(columns, "scur");
            foreach (var fields in lines.Skip(stat + 1).TakeWhile(l => l.Length > 0).Select(l => l.Split(',')))
            {
                if (fields.Length > scur && fields[px] == "generations")
                {
                    sessions[fields[sv]] = Number(fields[scur]);
                }
            }
        }

        var state = Array.FindIndex(lines, l => l.StartsWith("# be_id ", StringComparison.Ordinal));
        if (state < 0)
        {
            return [];
        }

        var names = lines[state][2..].Split(' ');
        int be = Array.IndexOf(names, "be_name"), name = Array.IndexOf(names, "srv_name"), addr = Array.IndexOf(names, "srv_addr"),
            op = Array.IndexOf(names, "srv_op_state"), admin = Array.IndexOf(names, "srv_admin_state"), weight = Array.IndexOf(names, "srv_uweight");
        var servers = new List<HaproxyServer>();
        foreach (var fields in lines.Skip(state + 1).TakeWhile(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split(' ')))
        {
            if (fields.Length <= Math.Max(weight, Math.Max(admin, op)) || fields[be] != "generations")
            {
                continue;
            }

            var address = fields[addr] is "-" or "0.0.0.0" or "::" ? null : fields[addr];
            servers.Add(new HaproxyServer(
                fields[name],
                address,
                address is not null && Number(fields[op]) == Running && (Number(fields[admin]) & Maintenance) == 0,
                Number(fields[weight]),
                sessions.GetValueOrDefault(fields[name])));
        }

        return servers;
    }

    /// <summary>The servers of lane <paramref name="lane"/> (its slots).</summary>
    public static IEnumerable<HaproxyServer> Lane(IEnumerable<HaproxyServer> servers, int lane)
    {
        var prefix = HaproxyConfig.SlotName(lane, 1)[..^1];
        return servers.Where(s => s.Name.StartsWith(prefix, StringComparison.Ordinal));
    }

    private static int Number(string text) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : 0;
}
