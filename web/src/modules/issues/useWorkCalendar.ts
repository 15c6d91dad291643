import { useEffect, useMemo, useState } from 'react';
import { useCalendarDays, useDeadlines } from './api';
import { makeCalendar, type WorkCalendar } from './workTime';

/** The current time, refreshed every `everyMs` so remaining times count down on an open page. */
export function useNow(everyMs = 60_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}

/**
 * The working calendar deadlines are counted in: the office hours and this year's and next year's holidays
 * from the server. Until they arrive, Monday–Friday with the default hours stands in.
 */
export function useWorkCalendar(): WorkCalendar {
  const year = new Date().getFullYear();
  const deadlines = useDeadlines();
  const thisYear = useCalendarDays(year);
  const nextYear = useCalendarDays(year + 1);
  const officeHours = deadlines.data?.officeHours;
  const days = thisYear.data;
  const later = nextYear.data;
  return useMemo(() => makeCalendar(officeHours, [...(days ?? []), ...(later ?? [])]), [officeHours, days, later]);
}
