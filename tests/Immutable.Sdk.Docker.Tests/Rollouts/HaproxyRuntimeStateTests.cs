using Immutable.Sdk.Docker.Rollouts;

namespace Immutable.Sdk.Docker.Tests.Rollouts;

/// <summary>
/// Reading HAProxy's runtime API. The answer below was captured from the endpoint of a real rollout
/// (HAProxy 2.6, <c>show servers state generations; show stat -1 4 -1</c>), trimmed to four slots:
/// lane 0 serves with two containers (3 and 2 requests in flight) and an empty slot, lane 1 has one container at weight 0.
/// </summary>
public sealed class HaproxyRuntimeStateTests
{
    private const string Captured = """
        1
        # be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state srv_uweight srv_iweight srv_time_since_last_change srv_check_status srv_check_result srv_check_health srv_check_state srv_agent_state bk_f_forced_id srv_f_forced_id srv_fqdn srv_port srvrecord srv_use_ssl srv_check_port srv_check_addr srv_agent_addr srv_agent_port
        3 generations 1 lane0-1 192.168.96.3 2 0 100 0 19 15 3 3 6 0 0 0 t87a23a9661-lane0 8080 - 0 0 - - 0
        3 generations 2 lane0-2 192.168.96.4 2 0 100 0 17 15 3 3 6 0 0 0 t87a23a9661-lane0 8080 - 0 0 - - 0
        3 generations 3 lane0-3 - 0 32 100 0 26 1 0 0 14 0 0 0 t87a23a9661-lane0 8080 - 0 0 - - 0
        3 generations 101 lane1-1 192.168.96.5 2 0 0 0 6 15 3 3 6 0 0 0 t87a23a9661-lane1 8080 - 0 0 - - 0

        # pxname,svname,qcur,qmax,scur,smax,slim,stot,bin,bout,dreq,dresp,ereq,econ,eresp,wretr,wredis,status,weight,act,bck,chkfail,chkdown,lastchg,downtime,qlimit,pid,iid,sid,throttle,lbtot,tracked,type,rate,rate_lim,rate_max,check_status,check_code,check_duration,hrsp_1xx,hrsp_2xx,hrsp_3xx,hrsp_4xx,hrsp_5xx,hrsp_other,hanafail,req_rate,req_rate_max,req_tot,cli_abrt,srv_abrt,comp_in,comp_out,comp_byp,comp_rsp,lastsess,last_chk,last_agt,qtime,ctime,rtime,ttime,agent_status,agent_code,agent_duration,check_desc,agent_desc,check_rise,check_fall,check_health,agent_rise,agent_fall,agent_health,addr,cookie,mode,algo,conn_rate,conn_rate_max,conn_tot,intercepted,dcon,dses,wrew,connect,reuse,cache_lookups,cache_hits,srv_icur,src_ilim,qtime_max,ctime_max,rtime_max,ttime_max,eint,idle_conn_cur,safe_conn_cur,used_conn_cur,need_conn_est,uweight,agg_server_status,agg_server_check_status,agg_check_status,-,ssl_sess,ssl_reused_sess,ssl_failed_handshake,h2_headers_rcvd,h2_data_rcvd,h2_settings_rcvd,h2_rst_stream_rcvd,h2_goaway_rcvd,h2_detected_conn_protocol_errors,h2_detected_strm_protocol_errors,h2_rst_stream_resp,h2_goaway_resp,h2_open_connections,h2_backend_open_streams,h2_total_connections,h2_backend_total_streams,h1_open_connections,h1_open_streams,h1_total_connections,h1_total_streams,h1_bytes_in,h1_bytes_out,h1_spliced_bytes_in,h1_spliced_bytes_out,
        generations,lane0-1,0,0,3,8,,806,41756,145343,,0,,0,0,0,0,UP,100,1,0,1,2,19,4,,1,3,1,,806,,2,61,,101,L7OK,200,137,0,803,0,0,0,0,0,,,803,0,0,,,,,0,,,0,1,46,59,,,,Layer7 check passed,,2,2,3,,,,192.168.96.3:8080,,http,,,,,,,,0,806,0,,,0,,0,33,647,647,0,0,0,3,8,100,,,,-,0,0,0,,,,,,,,,,,,,,,,,,,,,,
        generations,lane0-2,0,0,2,8,,805,41756,145343,,0,,0,0,0,0,UP,100,1,0,1,2,17,2,,1,3,2,,805,,2,57,,134,L7OK,200,197,0,803,0,0,0,0,0,,,803,0,0,,,,,1,,,0,1,47,60,,,,Layer7 check passed,,2,2,3,,,,192.168.96.4:8080,,http,,,,,,,,0,805,0,,,0,,0,50,433,436,0,0,0,2,9,100,,,,-,0,0,0,,,,,,,,,,,,,,,,,,,,,,
        generations,lane0-3,0,0,0,0,,0,0,0,,0,,0,0,0,0,MAINT (resolution),0,1,0,0,1,26,26,,1,3,3,,0,,2,0,,0,,,,0,0,0,0,0,0,0,,,0,0,0,,,,,-1,,,0,0,0,0,,,,,,,,,,,,,,http,,,,,,,,0,0,0,,,0,,0,0,0,0,0,0,0,0,0,100,,,,-,0,0,0,,,,,,,,,,,,,,,,,,,,,,
        generations,lane1-1,0,0,0,0,,0,0,0,,0,,0,0,0,0,UP,0,1,0,1,2,6,3,,1,3,101,,0,,2,0,,0,L7OK,200,72,0,0,0,0,0,0,0,,,0,0,0,,,,,-1,,,0,0,0,0,,,,Layer7 check passed,,2,2,3,,,,192.168.96.5:8080,,http,,,,,,,,0,0,0,,,0,,0,0,0,0,0,0,0,0,1,0,,,,-,0,0,0,,,,,,,,,,,,,,,,,,,,,,
        """;

    [Fact]
    public void Slots_are_read_with_address_state_weight_and_requests_in_flight()
    {
        var servers = HaproxyRuntimeState.Parse(Captured);

        Assert.Equal(["lane0-1", "lane0-2", "lane0-3", "lane1-1"], servers.Select(s => s.Name));
        Assert.Equal(new HaproxyServer("lane0-1", "192.168.96.3", Up: true, Weight: 100, Sessions: 3), servers[0]);
        Assert.Equal(new HaproxyServer("lane0-3", null, Up: false, Weight: 100, Sessions: 0), servers[2]);
        Assert.Equal(new HaproxyServer("lane1-1", "192.168.96.5", Up: true, Weight: 0, Sessions: 0), servers[3]);
        Assert.Equal(2, HaproxyRuntimeState.Lane(servers, 0).Count(s => s.Up));
        Assert.Single(HaproxyRuntimeState.Lane(servers, 1));
    }

    [Fact]
    public void An_answer_without_the_tables_has_no_servers()
    {
        Assert.Empty(HaproxyRuntimeState.Parse("Unknown command.\n"));
        Assert.Empty(HaproxyRuntimeState.Parse(string.Empty));
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n", 200)]
    [InlineData("HTTP/1.0 404 Not Found\r\n\r\n", 404)]
    [InlineData("HTTP/1.1 302\n", 302)]
    [InlineData("", 0)]
    [InlineData("garbage 200", 0)]
    public void The_probe_reads_the_status_line(string answer, int status) =>
        Assert.Equal(status, HealthProbe.StatusOf(answer));
}
