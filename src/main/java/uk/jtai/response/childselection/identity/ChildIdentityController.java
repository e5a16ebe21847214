package uk.jtai.response.childselection.identity;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import uk.jtai.response.calendar.EngineTime;
import uk.jtai.response.calendar.InspectionSchedule;
import uk.jtai.response.calendar.ScheduleRepository;
import uk.jtai.response.childselection.ChildReferences;
import uk.jtai.response.childselection.SelectedChildren;
import uk.jtai.response.childselection.identity.IdentityAccessRecord.Action;
import uk.jtai.response.childselection.identity.IdentityAccessRecord.ListName;
import uk.jtai.response.partnership.Theme;
import uk.jtai.response.partnership.ThemeRegistry;
import uk.jtai.response.web.ApiExceptionHandler;
import uk.jtai.response.web.CsvDownload;
import uk.jtai.response.web.CurrentUser;

/**
 * The pages that show and record the selected children's identifying details, outside the engine: opened
 * from a link in the task's form, in the session the user signed in to Tasklist with (or HTTP Basic). Each
 * shows only what {@link IdentityAccess} grants for the user's open tasks, records every view and download
 * ({@link IdentityAccessRecord}), is never cached or framed, and carries the OFFICIAL-SENSITIVE marking at
 * its top and bottom, in print and on the first and last line of a download. Recording is refused whole,
 * naming rows and fields, and stores nothing; a form token in the session guards it from other sites.
 */
@Controller
public class ChildIdentityController {

  private static final Logger log = LoggerFactory.getLogger(ChildIdentityController.class);
  public static final String MARKING = "OFFICIAL-SENSITIVE";
  static final String TOKEN = "jtai.identity.form-token";
  private static final ZoneId UK = ZoneId.of("Europe/London");

  private final ChildIdentities identities;
  private final IdentityAccess access;
  private final IdentityAccessRecord accessRecord;
  private final ScheduleRepository inspections;
  private final ThemeRegistry themes;
  private final ChildReferences childReferences;
  private final SelectedChildren selected;
  private final CurrentUser user;
  private final SecureRandom random = new SecureRandom();

  public ChildIdentityController(ChildIdentities identities, IdentityAccess access, IdentityAccessRecord accessRecord,
                                 ScheduleRepository inspections, ThemeRegistry themes, ChildReferences childReferences,
                                 SelectedChildren selected, CurrentUser user) {
    this.identities = identities;
    this.access = access;
    this.accessRecord = accessRecord;
    this.inspections = inspections;
    this.themes = themes;
    this.childReferences = childReferences;
    this.selected = selected;
    this.user = user;
  }

  /** The lists the user's open tasks of the inspection let them see. */
  @GetMapping("/inspections/{reference}/children")
  public String children(@PathVariable String reference, Model model, HttpServletResponse response) {
    inspection(reference);
    IdentityAccess.Grant grant = grant(reference, "see the children's identifying details");
    List<ChildIdentity> recorded = identities.list(reference);
    Map<String, List<ChildIdentity>> lists = new LinkedHashMap<>();
    for (ListName list : ListName.values()) {
      List<ChildIdentity> shown = access.shown(reference, grant, list, recorded);
      if (grant.sees(list)) {
        lists.put(title(list), shown);
      }
      if (!shown.isEmpty()) {
        accessRecord.record(reference, list, Action.VIEW, user.id(), EngineTime.now());
      }
    }
    model.addAttribute("reference", reference);
    model.addAttribute("lists", lists);
    model.addAttribute("listIds", grant.lists().keySet().stream().map(Enum::name).toList());
    model.addAttribute("recorded", !recorded.isEmpty());
    model.addAttribute("mayRecord", grant.mayRecord());
    model.addAttribute("marking", MARKING);
    sensitive(response);
    return "identity/children";
  }

  @GetMapping("/inspections/{reference}/children.csv")
  public ResponseEntity<byte[]> download(@PathVariable String reference, @RequestParam("list") String listName) {
    inspection(reference);
    ListName list = listName(listName);
    IdentityAccess.Grant grant = grant(reference, "download the children's identifying details");
    if (!grant.sees(list)) {
      throw new ApiExceptionHandler.ForbiddenException("Only those with an open task that works with this list can download it");
    }
    List<ChildIdentity> shown = access.shown(reference, grant, list, identities.list(reference));
    List<List<String>> table = new ArrayList<>();
    table.add(List.of(MARKING));
    table.add(IdentityListReader.COLUMNS);
    for (ChildIdentity child : shown) {
      table.add(IdentityCsv.neutralised(child));
    }
    table.add(List.of(MARKING));
    accessRecord.record(reference, list, Action.DOWNLOAD, user.id(), EngineTime.now());
    log.info("Identifying details ({}) of {} downloaded by {}", list, reference, user.id());
    ResponseEntity<byte[]> csv = CsvDownload.of(reference + "-" + list.name().toLowerCase().replace('_', '-')
        + "-OFFICIAL-SENSITIVE.csv", table);
    return ResponseEntity.status(csv.getStatusCode()).headers(csv.getHeaders()).header("X-Frame-Options", "DENY")
        .header("Referrer-Policy", "no-referrer").body(csv.getBody());
  }

  @GetMapping("/inspections/{reference}/children/record")
  public String recordForm(@PathVariable String reference, Model model, HttpSession session, HttpServletResponse response) {
    InspectionSchedule inspection = inspection(reference);
    requireRecording(reference);
    formPage(reference, inspection, model, session, List.of());
    sensitive(response);
    return "identity/record";
  }

  @PostMapping("/inspections/{reference}/children/record")
  public String record(@PathVariable String reference, @RequestParam(name = "rows", required = false) String rows,
                       @RequestParam(name = "file", required = false) MultipartFile file,
                       @RequestParam(name = "token", required = false) String token, Model model, HttpSession session,
                       HttpServletResponse response) throws IOException {
    InspectionSchedule inspection = inspection(reference);
    requireRecording(reference);
    Object expected = session.getAttribute(TOKEN);
    if (token == null || !(expected instanceof String known)
        || !MessageDigest.isEqual(known.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
      throw new ApiExceptionHandler.ForbiddenException("The form has expired: open the page from the task again");
    }
    sensitive(response);
    String text = file != null && !file.isEmpty() ? new String(file.getBytes(), StandardCharsets.UTF_8) : rows;
    IdentityListReader.Result result = read(reference, inspection, text);
    if (!result.accepted()) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      formPage(reference, inspection, model, session, result.problems());
      return "identity/record";
    }
    identities.record(reference, result.children(), user.id(), EngineTime.now());
    accessRecord.record(reference, ListName.FIRST_SELECTION, Action.RECORD, user.id(), EngineTime.now());
    log.info("Identifying details of {} children of {} recorded by {}", result.children().size(), reference, user.id());
    return "redirect:/inspections/" + reference + "/children";
  }

  /** Reads and checks the list, and that it is the same children as the first selection when that is recorded. */
  IdentityListReader.Result read(String reference, InspectionSchedule inspection, String text) {
    Theme.Selection selection = themes.theme(inspection.theme()).selection();
    IdentityListReader.Rules rules = new IdentityListReader.Rules(selection.first(), selection.childAge(),
        childReferences::isWellFormed, childReferences.label() + " in the partnership's format",
        LocalDate.ofInstant(EngineTime.now(), UK));
    IdentityListReader.Result result = IdentityListReader.read(text, rules);
    List<String> first = selected.firstSelection(reference);
    if (!result.accepted() || first.isEmpty()) {
      return result;
    }
    List<IdentityListReader.Problem> problems = new ArrayList<>();
    Set<String> pasted = new HashSet<>();
    for (int i = 0; i < result.children().size(); i++) {
      String child = result.children().get(i).childReference();
      pasted.add(child);
      if (!first.contains(child)) {
        problems.add(new IdentityListReader.Problem(i + 1, childReferences.label(),
            "is not one of the children recorded in the first selection task"));
      }
    }
    long missing = first.stream().filter(child -> !pasted.contains(child)).count();
    if (missing > 0) {
      problems.add(new IdentityListReader.Problem(0, null, missing + " of the children recorded in the first selection task "
          + "are not in the list"));
    }
    return problems.isEmpty() ? result : new IdentityListReader.Result(List.of(), problems);
  }

  private void formPage(String reference, InspectionSchedule inspection, Model model, HttpSession session,
                        List<IdentityListReader.Problem> problems) {
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    session.setAttribute(TOKEN, token);
    model.addAttribute("reference", reference);
    model.addAttribute("token", token);
    model.addAttribute("count", themes.theme(inspection.theme()).selection().first().toString());
    model.addAttribute("columns", IdentityListReader.COLUMNS);
    model.addAttribute("problems", problems.stream().map(IdentityListReader.Problem::toString).toList());
    model.addAttribute("recorded", identities.isRecorded(reference));
    model.addAttribute("marking", MARKING);
  }

  private InspectionSchedule inspection(String reference) {
    return inspections.find(reference)
        .orElseThrow(() -> new ApiExceptionHandler.NotFoundException("No inspection with reference " + reference));
  }

  private IdentityAccess.Grant grant(String reference, String what) {
    Authentication signedIn = user.authentication();
    IdentityAccess.Grant grant = access.grant(reference, signedIn.getUserId(), signedIn.getGroupIds());
    if (grant.none()) {
      throw new ApiExceptionHandler.ForbiddenException("Only those with an open task of this inspection that works with "
          + "the selected children can " + what);
    }
    return grant;
  }

  private void requireRecording(String reference) {
    if (!grant(reference, "record the children's identifying details").mayRecord()) {
      throw new ApiExceptionHandler.ForbiddenException("Only LAIM, from the first selection or forwarding task, can record "
          + "the children's identifying details");
    }
  }

  private static ListName listName(String name) {
    for (ListName list : ListName.values()) {
      if (list.name().equalsIgnoreCase(name)) {
        return list;
      }
    }
    throw new ApiExceptionHandler.NotFoundException("No list " + name + ": FIRST_SELECTION or AUDIT_SELECTION");
  }

  private static String title(ListName list) {
    return list == ListName.FIRST_SELECTION ? "The children the inspectors selected"
        : "The children selected for audit";
  }

  /** Never cached, never framed, no referrer, never sniffed as another type. */
  private static void sensitive(HttpServletResponse response) {
    response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("X-Content-Type-Options", "nosniff");
  }
}
