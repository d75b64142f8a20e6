import { useTranslation } from 'react-i18next'
import { isResultDrag } from '../features/sources'
import { useSpringLoad } from '../shared/ui/use-spring-load'
import { views, type View } from './ui-store'

interface NavTabProps {
  readonly view: View
  readonly index: number
  readonly current: boolean
  /** Opens the screen when a dragged result rests on the tab. */
  readonly springLoaded: boolean
  onShow(view: View): void
}

function NavTab({ view, index, current, springLoaded, onShow }: NavTabProps) {
  const { t } = useTranslation()
  const spring = useSpringLoad(
    () => onShow(view),
    (types) => springLoaded && isResultDrag(types),
  )
  return (
    <button
      type="button"
      aria-current={current ? 'page' : undefined}
      title={`Ctrl+${index + 1}`}
      data-spring-armed={spring.armed || undefined}
      onClick={() => onShow(view)}
      {...spring.handlers}
    >
      {t(`app.nav.${view}`)}
    </button>
  )
}

/**
 * The screens, one button each (Ctrl+1…6 too). A result dragged from the history rests on the
 * Workbench tab to open it, then drops on a source slot or a ControlNet unit's image slot there.
 */
export function ScreenNav({ view, onShow }: { readonly view: View; onShow(view: View): void }) {
  const { t } = useTranslation()
  return (
    <nav aria-label={t('app.title')}>
      {views.map((name, index) => (
        <NavTab
          key={name}
          view={name}
          index={index}
          current={view === name}
          springLoaded={name === 'workbench' && view !== 'workbench'}
          onShow={onShow}
        />
      ))}
    </nav>
  )
}
