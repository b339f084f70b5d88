/** Every piece of UI text, once per language (lesson text lives in lessons/, not here). */
export interface Strings {
  appName: string;
  tagline: string;
  homeIntro: string;
  lectures: string;
  lectureN: (n: number) => string;
  minutes: (m: number) => string;
  widgetsLive: (live: number, total: number) => string;
  playground: string;
  playgroundBlurb: string;
  home: string;
  sections: string;
  quiz: string;
  quizIntro: string;
  check: string;
  correct: string;
  wrong: (answer: string) => string;
  quizScore: (right: number, total: number) => string;
  retry: string;
  notes: string;
  hideNotes: string;
  previous: string;
  next: string;
  pageOf: (i: number, n: number) => string;
  presenter: string;
  exitPresenter: string;
  presenterHint: string;
  keyboardHint: string;
  comingSoon: string;
  plannedTitle: (title: string) => string;
  plannedBody: string;
  widgetMissing: (name: string) => string;
  loading: string;
  loadFailed: string;
  playgroundComing: string;
  languageName: string;
}
