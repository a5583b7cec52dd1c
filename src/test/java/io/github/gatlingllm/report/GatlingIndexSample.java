package io.github.gatlingllm.report;

/**
 * The {@code index.html} Gatling 3.15.1 wrote (gatling-charts 3.15.1 templates), shortened: theme icons and most
 * chart scripts removed. Structure, ids and classes are untouched. Its "Stats" table and run duration are those of a
 * real GatedChat run (70 chat requests, 14 KO; 35 of them in the user's group "turn"): an "All Requests" row, the
 * group row "turn" with its nested "chat" row, and the top-level "chat" row.
 */
final class GatlingIndexSample {
  private GatlingIndexSample() {}

  static final String INDEX_HTML = """

<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<link rel="shortcut icon" type="image/x-icon" href="style/favicon.ico">
<link href="style/style.css" rel="stylesheet" type="text/css">
<link href="style/bootstrap.min.css" rel="stylesheet" type="text/css">
<script src="js/jquery-3.7.1.slim.min.js"></script>
<script src="js/bootstrap.min.js"></script>
<script src="js/gatling.js"></script>
<script src="js/menu.js"></script>
<script src="js/ellipsis.js"></script>
<script src="js/highstock.js"></script>
<script src="js/highcharts-more.js"></script>
<script src="js/theme.js"></script>
<script src="js/stats.js"></script>
<title>Gatling Stats - Global Information</title>
</head>
<body>
<script>
  const storedTheme = localStorage.getItem('theme') || (window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light");
  if (storedTheme) document.documentElement.setAttribute('data-theme', storedTheme)

  function toggleTheme() {
    const currentTheme = document.documentElement.getAttribute("data-theme");
    const targetTheme = currentTheme === "light" ? "dark" : "light";

    document.documentElement.setAttribute('data-theme', targetTheme)
    localStorage.setItem('theme', targetTheme);
  };
</script>
<div class="app-container">
<div class="frise"></div>
<div class="head">
  <div class="gatling-open-source">
    <a class="gatling-logo gatling-logo-light" href="https://gatling.io" target="blank_" title="Gatling Home Page"><img alt="Gatling" src="style/logo-light.svg"></a>
    <a class="gatling-logo gatling-logo-dark" href="https://gatling.io" target="blank_" title="Gatling Home Page"><img alt="Gatling" src="style/logo-dark.svg"></a>
    <a class="gatling-documentation" href="https://gatling.io/docs/" target="_blank">Documentation</a>
  </div>
  <div class="nav spacer"></div>
  <a class="enterprise" href="https://gatling.io/enterprise/next-step/" target="_blank">
    <span class="button-text-state">Try Enterprise Edition</span>
    <span class="button-text-hover">Try Enterprise Edition</span>
  </a>
  <button id="theme-toggle" class="theme-toggle" type="button" onclick="toggleTheme()" aria-label="Toggle user interface mode">
          </button>
</div>
<div class="container details">
  <div class="nav">
    <ul><li><a class="item" href="#RangesContainerId"><span class="nav-label">Ranges</span></a></li>
<li><a class="item" href="#StatsContainerId"><span class="nav-label">Stats</span></a></li>
<li><a class="item" href="#UserStartRateContainerId"><span class="nav-label">Users start rate</span></a></li>
<li><a class="item" href="#MaxConcurrentUsersContainerId"><span class="nav-label">Concurrent users</span></a></li>
<li><a class="item" href="#ResponseTimeDistributionContainerId"><span class="nav-label">Response time distribution</span></a></li>
<li><a class="item" href="#ResponseTimeContainerId"><span class="nav-label">Response time percentiles</span></a></li>
<li><a class="item" href="#RequestsContainerId"><span class="nav-label">Requests / sec</span></a></li>
<li><a class="item" href="#ResponsesContainerId"><span class="nav-label">Responses / sec</span></a></li></ul>
  </div>
  <div class="cadre">
    <div class="content">
      <div class="content-header">
        <div class="onglet">
          TinySim
        </div>
        <div class="sous-menu" id="sousMenu">
          <div class="sous-menu-spacer">
            <div class="item ouvert"><a href="index.html">Global</a></div>
<div class="item"><a id="details_link" href="req_get--root----co--1276325860.html">Details</a></div>
          </div>
        </div>
      </div>
      <div class="content-in">
        <div class="container-article">
          <div class="article">


<div class="schema-container">

            <div id="RangesContainerId" class="schema ranges">
            </div>

            <div class="schema polar">
              <div id="container_number_of_requests"></div>
            </div>
<div class="simulation-card">
  <div class="simulation-version-information">
  <span class="simulation-information-title">Gatling Version</span>
    <span class="simulation-information-item">
      <span class="simulation-information-label">Version: </span>
      <span>3.15.1</span>
    </span>
    <span class="simulation-information-item">
      <span class="simulation-information-label">Released: </span>
      <span>2026-05-25</span>
    </span>
  </div>
  <div id="simulation-information" class="simulation-version-information">
    <span class="simulation-information-title">Run Information</span>
    <div class="simulation-information-container">
      <span class="simulation-information-item">
        <span class="simulation-information-label">Date: </span>
        <span>2026-11-23 16:18:18 GMT</span>
      </span>
      <span class="simulation-information-item">
        <span class="simulation-information-label">Duration: </span>
        <span>1s </span>
      </span>
      <span class="simulation-information-item">
        <span class="simulation-information-label">Description: </span>
        <span>&mdash;</span>
      </span>

    </div>
  </div>
</div>
</div>
<div class="statistics extensible-geant collapsed">
    <div class="title">
        Assertions
    </div>
    <table id="container_assertions" class="statistics-in extensible-geant">
        <thead>
            <tr>
                <th id="assert-col-1" class="header sortable"><span>Assertion</span></th>
                <th id="assert-col-2" class="header sortable"><span>Status</span></th>
            </tr>
        </thead>
		<tbody>

<tr>
  <td class="error-col-1 ok total">
    Global: count of failed events is less than 10.0
    <span class="value" style="display:none">0</span>
  </td>
  <td class="error-col-2 value ok total">OK</td>
</tr>
		</tbody>
    </table>
</div>

                      <div id="statistics_table_container">
                        <div id="StatsContainerId" class="statistics extensible-geant collapsed">
                            <div class="title">
                              <div id="statistics_title" class="title_base"><span class="title_base_stats">Stats</span><span class="expand-table">Fixed height</span><span id="toggle-stats" class="toggle-table"></span><span class="collapse-table">Full size</span></div>
                              <div class="right">
                                  <button class="statistics-button expand-all-button">Expand all groups</button>
                                  <button class="statistics-button collapse-all-button">Collapse all groups</button>
                                  <button id="statistics_full_screen" class="statistics-button" onclick="openStatisticsTableModal()"><img alt="Fullscreen" src="style/fullscreen.svg"></button>
                              </div>
                            </div>
                            <div class="scrollable">
                              <table id="container_statistics_head" class="statistics-in extensible-geant">
                                  <thead>
                                      <tr>
                                          <th rowspan="2" id="col-1" class="header sortable sorted-up"><span>Requests</span></th>
                                          <th colspan="5" class="header"><span class="executions">Executions</span></th>
                                          <th colspan="8" class="header"><span class="response-time">Response Time (ms)</span></th>
                                      </tr>
                                      <tr>
                                          <th id="col-2" class="header sortable"><span>Total</span></th>
                                          <th id="col-3" class="header sortable"><span>OK</span></th>
                                          <th id="col-4" class="header sortable"><span>KO</span></th>
                                          <th id="col-5" class="header sortable"><span>% KO</span></th>
                                          <th id="col-6" class="header sortable"><span><abbr title="Count of events per second">Cnt/s</abbr></span></th>
                                          <th id="col-7" class="header sortable"><span>Min</span></th>
<th id="col-8" class="header sortable"><span>50th pct</span></th>
<th id="col-9" class="header sortable"><span>90th pct</span></th>
<th id="col-10" class="header sortable"><span>95th pct</span></th>
<th id="col-11" class="header sortable"><span>99th pct</span></th>
<th id="col-12" class="header sortable"><span>Max</span></th>
<th id="col-13" class="header sortable"><span>Mean</span></th>
<th id="col-14" class="header sortable"><span><abbr title="Standard Deviation">Std Dev</abbr></span></th>
                                      </tr>
                                  </thead>
                                  <tbody><tr id="ROOT" >
  <td class="total col-1">
    <div class="expandable-container">
      <span id="ROOT" style="margin-left: 0px;" class="expand-button ">&nbsp;</span>
        <a href="index.html" class="withTooltip">
          <span class="table-cell-tooltip" id="parent-stats-table-ROOT" data-toggle="popover" data-placement="right" data-container="body" data-content="">
            <span onmouseover="isEllipsed('stats-table-ROOT')" id="stats-table-ROOT" class="ellipsed-name">All Requests</span>
          </span>
        </a>
      <span class="value" style="display:none;">0</span>
    </div>
  </td>
  <td class="value total col-2">70</td>
  <td class="value ok col-3">56</td>
  <td class="value ko col-4">14</td>
  <td class="value ko col-5">20</td>
  <td class="value total col-6">35</td>
  <td class="value total col-7">717</td>
  <td class="value total col-8">1038</td>
  <td class="value total col-9">1107</td>
  <td class="value total col-10">1117</td>
  <td class="value total col-11">1133</td>
  <td class="value total col-12">1133</td>
  <td class="value total col-13">977</td>
  <td class="value total col-14">114</td>
</tr></tbody>
                              </table>
                              <table id="container_statistics_body" class="statistics-in extensible-geant">
                                  <tbody><tr id="group_turn-3571837" data-parent="ROOT">
  <td class="total col-1">
    <div class="expandable-container">
      <span id="group_turn-3571837" style="margin-left: 0px;" class="expand-button ">&nbsp;</span>
        <a href="group_turn-3571837.html" class="withTooltip">
          <span class="table-cell-tooltip" id="parent-stats-table-group_turn-3571837" data-toggle="popover" data-placement="right" data-container="body" data-content="">
            <span onmouseover="isEllipsed('stats-table-group_turn-3571837')" id="stats-table-group_turn-3571837" class="ellipsed-name">turn</span>
          </span>
        </a>
      <span class="value" style="display:none;">0</span>
    </div>
  </td>
  <td class="value total col-2">35</td>
  <td class="value ok col-3">30</td>
  <td class="value ko col-4">5</td>
  <td class="value ko col-5">14.29</td>
  <td class="value total col-6">17.5</td>
  <td class="value total col-7">814</td>
  <td class="value total col-8">1047</td>
  <td class="value total col-9">1117</td>
  <td class="value total col-10">1130</td>
  <td class="value total col-11">1133</td>
  <td class="value total col-12">1133</td>
  <td class="value total col-13">1010</td>
  <td class="value total col-14">97</td>
</tr><tr id="req_turn---chat--1252451924" data-parent="group_turn-3571837">
  <td class="total col-1">
    <div class="expandable-container">
      <span id="req_turn---chat--1252451924" style="margin-left: 10px;" class="expand-button hidden">&nbsp;</span>
        <a href="req_turn---chat--1252451924.html" class="withTooltip">
          <span class="table-cell-tooltip" id="parent-stats-table-req_turn---chat--1252451924" data-toggle="popover" data-placement="right" data-container="body" data-content="">
            <span onmouseover="isEllipsed('stats-table-req_turn---chat--1252451924')" id="stats-table-req_turn---chat--1252451924" class="ellipsed-name">chat</span>
          </span>
        </a>
      <span class="value" style="display:none;">0</span>
    </div>
  </td>
  <td class="value total col-2">35</td>
  <td class="value ok col-3">30</td>
  <td class="value ko col-4">5</td>
  <td class="value ko col-5">14.29</td>
  <td class="value total col-6">17.5</td>
  <td class="value total col-7">814</td>
  <td class="value total col-8">1047</td>
  <td class="value total col-9">1117</td>
  <td class="value total col-10">1130</td>
  <td class="value total col-11">1133</td>
  <td class="value total col-12">1133</td>
  <td class="value total col-13">1010</td>
  <td class="value total col-14">97</td>
</tr><tr id="req_chat-3052376" data-parent="ROOT">
  <td class="total col-1">
    <div class="expandable-container">
      <span id="req_chat-3052376" style="margin-left: 0px;" class="expand-button hidden">&nbsp;</span>
        <a href="req_chat-3052376.html" class="withTooltip">
          <span class="table-cell-tooltip" id="parent-stats-table-req_chat-3052376" data-toggle="popover" data-placement="right" data-container="body" data-content="">
            <span onmouseover="isEllipsed('stats-table-req_chat-3052376')" id="stats-table-req_chat-3052376" class="ellipsed-name">chat</span>
          </span>
        </a>
      <span class="value" style="display:none;">0</span>
    </div>
  </td>
  <td class="value total col-2">35</td>
  <td class="value ok col-3">26</td>
  <td class="value ko col-4">9</td>
  <td class="value ko col-5">25.71</td>
  <td class="value total col-6">17.5</td>
  <td class="value total col-7">717</td>
  <td class="value total col-8">999</td>
  <td class="value total col-9">1061</td>
  <td class="value total col-10">1083</td>
  <td class="value total col-11">1091</td>
  <td class="value total col-12">1091</td>
  <td class="value total col-13">943</td>
  <td class="value total col-14">120</td>
</tr></tbody>
                              </table>
                            </div>
                        </div>
                      </div>
<dialog id="statistics_table_modal" class="statistics-table-modal">
  <div class="statistics-table-modal-header"><button class="button-modal" onclick="closeStatisticsTableModal()"><img alt="Close" src="style/close.svg"></button></div>
  <div class="statistics-table-modal-container">
    <div id="statistics_table_modal_content" class="statistics-table-modal-content"></div>
  </div>
</dialog>
<div class="statistics extensible-geant collapsed">
    <div class="title">
        Errors
    </div>
    <table id="container_errors" class="statistics-in extensible-geant">
        <thead>
            <tr>
                <th id="error-col-1" class="header sortable"><span>Error</span></th>
                <th id="error-col-2" class="header sortable"><span>Count</span></th>
                <th id="error-col-3" class="header sortable"><span>Percentage</span></th>
            </tr>
        </thead>
		<tbody>

		    <tr>
		    	<td class="error-col-1 total ko">status.find.in([200, 209], 304), found 404<span class="value" style="display:none">0</span></td>
		    	<td class="value error-col-2 total ko">3</td>
		    	<td class="value error-col-3 total ko">100%</td>
		    </tr>
		</tbody>
    </table>
</div>

            <div class="schema geant">
              <div id="UserStartRateContainerId" class="geant"></div>
            </div>

            <div class="schema geant">
              <div id="MaxConcurrentUsersContainerId" class="geant"></div>
            </div>

            <div class="schema geant">
              <div id="ResponseTimeDistributionContainerId" class="geant"></div>
            </div>

            <div class="schema geant">
              <div id="ResponseTimeContainerId" class="geant"></div>
            </div>

            <div class="schema geant">
                <div id="RequestsContainerId" class="geant"></div>
            </div>

            <div class="schema geant">
                <div id="ResponsesContainerId" class="geant"></div>
            </div>

          </div>
        </div>
      </div>
    </div>
  </div>
</div>
<script>
    $(document).ready(function() {
        $('.simulation-tooltip').popover({trigger:'hover', placement:'left'});

        setActiveMenu();

Highcharts.setOptions({
  global: { useUTC: false }
});
new Highcharts.Chart({
  chart: { renderTo: 'RangesContainerId', marginRight: 100 },
  title: { text: '<span class="chart_title">Response Time Ranges</span>', useHTML: true }
});
    });
</script>
</div>
</body>
</html>
""";
}
